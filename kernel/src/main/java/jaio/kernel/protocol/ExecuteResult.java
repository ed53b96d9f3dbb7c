package jaio.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/** How a cell ended: the execute_reply's status and, for an error, what the user sees. */
public sealed interface ExecuteResult {

    /**
     * The cell completed; {@code userExpressions} are the evaluated user_expressions (often empty),
     * {@code payload} the execute_reply payloads (e.g. a {@code page} payload for {@code Math.max?}).
     */
    record Ok(JsonObject userExpressions, JsonArray payload) implements ExecuteResult {
        public Ok(JsonObject userExpressions) {
            this(userExpressions, new JsonArray());
        }
    }

    /** The cell failed (including an interrupt): ename, evalue and the traceback lines to show. */
    record Error(String ename, String evalue, List<String> traceback) implements ExecuteResult {
        public Error {
            traceback = List.copyOf(traceback);
        }
    }

    static ExecuteResult ok() {
        return new Ok(new JsonObject());
    }

    /** A completed cell whose reply asks the frontend to page {@code data} (a MIME bundle). */
    static ExecuteResult page(JsonObject data) {
        JsonObject page = new JsonObject();
        page.addProperty("source", "page");
        page.add("data", data);
        page.addProperty("start", 0);
        JsonArray payload = new JsonArray();
        payload.add(page);
        return new Ok(new JsonObject(), payload);
    }

    static ExecuteResult error(String ename, String evalue, List<String> traceback) {
        return new Error(ename, evalue, traceback);
    }
}
