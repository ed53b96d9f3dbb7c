package jaio.kernel;

import static jaio.kernel.JupyterTestClient.Channel.SHELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import jaio.kernel.wire.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** history_request over two kernel instances sharing one history file, as a restart does. */
@Timeout(30)
class HistoryAcrossRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private static void run(JupyterTestClient client, String code) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        Message m = client.send(SHELL, "execute_request", c);
        assertNotNull(client.reply(SHELL, m, WAIT), "no reply to " + code);
    }

    private static JsonArray history(JupyterTestClient client, JsonObject request) {
        Message m = client.send(SHELL, "history_request", request);
        Message reply = client.reply(SHELL, m, WAIT);
        assertNotNull(reply);
        assertEquals("ok", reply.content().get("status").getAsString());
        return reply.content().getAsJsonArray("history");
    }

    /** Rows as "session/line/source". */
    private static List<String> rows(JsonArray history) {
        List<String> rows = new ArrayList<>();
        for (JsonElement e : history) {
            JsonArray row = e.getAsJsonArray();
            rows.add(row.get(0).getAsInt() + "/" + row.get(1).getAsInt() + "/" + row.get(2).getAsString());
        }
        return rows;
    }

    @Test
    void tailRangeAndSearchSpanARestart() throws Exception {
        Path file = dir.resolve("history.jsonl");
        try (InProcessKernel first = new InProcessKernel(file)) {
            run(first.client, "int a = 1;");
            run(first.client, "int b = 2;");
        }
        try (InProcessKernel second = new InProcessKernel(file)) {
            JupyterTestClient client = second.client;
            run(client, "int c = 3;");
            run(client, "int c = 3;");

            JsonObject tail = new JsonObject();
            tail.addProperty("hist_access_type", "tail");
            tail.addProperty("n", 3);
            assertEquals(List.of("1/2/int b = 2;", "2/1/int c = 3;", "2/2/int c = 3;"), rows(history(client, tail)));

            tail.addProperty("output", true);
            JsonArray withOutput = history(client, tail);
            assertEquals(2, withOutput.get(0).getAsJsonArray().get(2).getAsJsonArray().size());

            JsonObject previous = new JsonObject();
            previous.addProperty("hist_access_type", "range");
            previous.addProperty("session", -1);
            previous.addProperty("start", 1);
            previous.addProperty("stop", 3);
            assertEquals(List.of("1/1/int a = 1;", "1/2/int b = 2;"), rows(history(client, previous)));

            JsonObject absolute = new JsonObject();
            absolute.addProperty("hist_access_type", "range");
            absolute.addProperty("session", 1);
            absolute.addProperty("start", 2);
            absolute.addProperty("stop", 3);
            assertEquals(List.of("1/2/int b = 2;"), rows(history(client, absolute)));

            JsonObject current = new JsonObject();
            current.addProperty("hist_access_type", "range");
            current.addProperty("session", 0);
            current.addProperty("start", 1);
            assertEquals(List.of("2/1/int c = 3;", "2/2/int c = 3;"), rows(history(client, current)));

            JsonObject search = new JsonObject();
            search.addProperty("hist_access_type", "search");
            search.addProperty("pattern", "int ? = [23];");
            assertEquals(List.of("1/2/int b = 2;", "2/1/int c = 3;", "2/2/int c = 3;"), rows(history(client, search)));
            search.addProperty("unique", true);
            assertEquals(List.of("1/2/int b = 2;", "2/2/int c = 3;"), rows(history(client, search)));
            search.addProperty("n", 1);
            assertEquals(List.of("2/2/int c = 3;"), rows(history(client, search)));
        }
    }
}
