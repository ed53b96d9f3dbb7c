package jaio.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import jaio.kernel.protocol.history.HistoryEntry;
import jaio.kernel.protocol.history.HistoryStore;
import java.io.IOException;
import java.util.List;

/**
 * history_request: tail, range and search over the {@link HistoryStore}. Entries are
 * {@code [session, line, input]}, or {@code [session, line, [input, output]]} when output is asked
 * for; outputs are not stored, so the output part is null.
 */
final class HistoryHandler implements RequestHandler {

    private final HistoryStore store;

    HistoryHandler(HistoryStore store) {
        this.store = store;
    }

    @Override
    public boolean answersAtOnce() {
        return true;
    }

    @Override
    public void handle(Request request) {
        JsonObject c = request.content();
        String type = Json.string(c, "hist_access_type", "tail");
        boolean output = Json.bool(c, "output", false);
        List<HistoryEntry> entries;
        try {
            entries = switch (type) {
                case "tail" -> store.tail(Json.integer(c, "n", 10));
                case "range" -> store.range(Json.integer(c, "session", 0), Json.integer(c, "start", 0),
                        Json.integer(c, "stop"));
                case "search" -> store.search(Json.string(c, "pattern", "*"), Json.integer(c, "n", 0),
                        Json.bool(c, "unique", false));
                default -> throw new IllegalArgumentException(
                        "hist_access_type must be tail, range or search, not \"" + type + "\"");
            };
        } catch (IOException e) {
            request.replyError(e);
            return;
        }
        JsonArray history = new JsonArray();
        for (HistoryEntry e : entries) {
            JsonArray row = new JsonArray();
            row.add(e.session());
            row.add(e.line());
            if (output) {
                JsonArray pair = new JsonArray();
                pair.add(e.source());
                pair.add(JsonNull.INSTANCE);
                row.add(pair);
            } else {
                row.add(e.source());
            }
            history.add(row);
        }
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.add("history", history);
        request.reply(content);
    }
}
