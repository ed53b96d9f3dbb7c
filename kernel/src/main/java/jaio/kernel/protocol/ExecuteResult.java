package jaio.kernel.protocol;

import com.google.gson.JsonObject;
import java.util.List;

/** How a cell ended: the execute_reply's status and, for an error, what the user sees. */
public sealed interface ExecuteResult {

    /** The cell completed; {@code userExpressions} are the evaluated user_expressions (often empty). */
    record Ok(JsonObject userExpressions) implements ExecuteResult {
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

    static ExecuteResult error(String ename, String evalue, List<String> traceback) {
        return new Error(ename, evalue, traceback);
    }
}
