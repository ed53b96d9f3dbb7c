package jaio.kernel;

import static jaio.kernel.JupyterTestClient.Channel.CONTROL;
import static jaio.kernel.JupyterTestClient.Channel.SHELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import jaio.kernel.wire.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hours of use in one kernel: interrupts that arrive at the worst moment, long cells, huge values,
 * input where the frontend takes none. One kernel process serves the class, as one notebook would.
 */
@Timeout(300)
class ReliabilityTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    private static KernelSubprocess kernel;
    private static JupyterTestClient client;

    @BeforeAll
    static void start() throws Exception {
        kernel = KernelSubprocess.start(dir, "reliability-key", List.of());
        client = kernel.client();
    }

    @AfterAll
    static void stop() throws Exception {
        if (kernel != null) {
            kernel.close();
        }
    }

    private static List<Message> runToIdle(String code, boolean allowStdin) {
        Message m = kernel.execute(code, allowStdin);
        return client.iopubUntilIdle(m, WAIT);
    }

    private static JsonObject reply(Message request) {
        Message r = client.reply(SHELL, request, WAIT);
        assertNotNull(r, "no execute_reply");
        return r.content();
    }

    @Test
    void anInterruptSentAsSoonAsBusyArrivesStopsTheCell() {
        List<String> cells = List.of("await sleep(30);", "while (true) {}", "Thread.sleep(30000);");
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String code = cells.get(i % cells.size());
            Message cell = kernel.execute(code, false);
            Message busy = client.await(JupyterTestClient.Channel.IOPUB, m -> m.parentMsgId().equals(cell.msgId())
                    && m.msgType().equals("status") && m.content().get("execution_state").getAsString().equals("busy"), WAIT);
            assertNotNull(busy, "no busy for " + code);
            client.send(CONTROL, "interrupt_request", new JsonObject());
            Message r = client.reply(SHELL, cell, Duration.ofSeconds(10));
            if (r == null || !r.content().get("status").getAsString().equals("error")
                    || !r.content().get("ename").getAsString().equals("KeyboardInterrupt")) {
                missed.add(i + ": " + code + " -> " + (r == null ? "still running after 10 s" : r.content()));
                if (r == null) {
                    client.send(CONTROL, "interrupt_request", new JsonObject());
                    assertNotNull(client.reply(SHELL, cell, WAIT), "a second interrupt did not stop " + code);
                }
            }
            client.iopubUntilIdle(cell, WAIT);
        }
        assertEquals(List.of(), missed, "interrupts sent right after busy that did not stop their cell");
    }

    @Test
    void scannerOnSystemInSaysTheFrontendTakesNoInput() {
        Message cell = kernel.execute("new Scanner(System.in).nextLine()", false);
        JsonObject r = reply(cell);
        assertEquals("error", r.get("status").getAsString());
        String text = r.get("ename").getAsString() + ": " + r.get("evalue").getAsString();
        assertTrue(text.contains("does not accept input"), text);
        client.iopubUntilIdle(cell, WAIT);
    }
}
