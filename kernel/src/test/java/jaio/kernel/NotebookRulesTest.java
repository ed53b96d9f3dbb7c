package jaio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import jaio.kernel.wire.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel as a student meets it (issue 11): the classic mistakes get the right result or an
 * error that says what to do, and nothing is lost silently. One kernel serves the class, as one
 * notebook would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class NotebookRulesTest {
    @TempDir
    static Path dir;
    private static RunningKernel kernel;

    @BeforeAll
    static void start() throws Exception {
        kernel = RunningKernel.start(dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (kernel != null) {
            kernel.close();
        }
    }

    private static String ok(String code) {
        Message cell = kernel.execute(code);
        List<Message> out = kernel.untilIdle(cell);
        JsonObject reply = kernel.replyTo(cell);
        assertEquals("ok", reply.get("status").getAsString(), code + " -> " + reply);
        return RunningKernel.stream(out, "stderr");
    }

    private static JsonObject error(String code) {
        JsonObject reply = kernel.replyTo(kernel.execute(code));
        assertEquals("error", reply.get("status").getAsString(), code + " -> " + reply);
        return reply;
    }

    private static String value(String code) {
        return kernel.result(kernel.execute(code));
    }

    // ---- 10: a cell sent right after an error reply runs -----------------------------------

    /**
     * The race is narrow (2 in ~460 sequences with a Python client): this repeats the sequence a
     * client makes when it sends its next cell the moment the error reply arrives.
     */
    @Test
    @Order(1)
    void aCellSentAsSoonAsTheErrorReplyArrivesIsNotAborted() {
        for (int i = 0; i < 30; i++) {
            Message failing = kernel.execute("throw new IllegalStateException(\"no " + i + "\");", true, new JsonObject());
            assertEquals("error", kernel.replyTo(failing).get("status").getAsString());
            Message next = kernel.execute("int after" + i + " = " + i + ";", true, new JsonObject());
            JsonObject reply = kernel.replyTo(next);
            assertEquals("ok", reply.get("status").getAsString(), "sequence " + i + ": " + reply);
        }
        kernel.client.drainIopub(Duration.ofMillis(200));
    }
}
