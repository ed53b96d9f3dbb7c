package jaio.kernel;

import static jaio.kernel.JupyterTestClient.Channel.CONTROL;
import static jaio.kernel.JupyterTestClient.Channel.SHELL;
import static jaio.kernel.JupyterTestClient.Channel.STDIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import jaio.kernel.wire.ConnectionInfo;
import jaio.kernel.wire.Message;
import java.nio.file.Files;
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
 * The kernel as a frontend sees it: a real subprocess with the real Java session, driven over
 * ZeroMQ by the test client. One kernel serves the whole class, as one notebook would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class KernelEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    private static Process kernel;
    private static JupyterTestClient client;

    @BeforeAll
    static void startKernel() throws Exception {
        ConnectionInfo info = JupyterTestClient.freeConnection("e2e-key");
        Path connectionFile = dir.resolve("connection.json");
        Files.writeString(connectionFile, info.toJson().toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-cp", classPath, "jaio.kernel.Main", connectionFile.toString());
        pb.environment().put("JUPYTER_DATA_DIR", dir.resolve("data").toString());
        pb.environment().remove("JPY_PARENT_PID");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("kernel.log").toFile());
        kernel = pb.start();
        client = new JupyterTestClient(info);
        client.waitForReady(WAIT);
    }

    @AfterAll
    static void stopKernel() throws Exception {
        if (client != null) {
            client.send(CONTROL, "shutdown_request", new JsonObject());
            client.close();
        }
        if (kernel != null && !kernel.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            kernel.destroyForcibly();
        }
    }

    private static Message execute(String code) {
        return execute(code, false);
    }

    private static Message execute(String code, boolean allowStdin) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.addProperty("allow_stdin", allowStdin);
        c.addProperty("stop_on_error", false);
        return client.send(SHELL, "execute_request", c);
    }

    private static JsonObject replyTo(Message request) {
        Message reply = client.reply(SHELL, request, WAIT);
        assertNotNull(reply, "no execute_reply for " + request.content());
        return reply.content();
    }

    private static String result(Message request) {
        Message r = client.iopub(request, "execute_result", WAIT);
        assertNotNull(r, "no execute_result for " + request.content());
        return r.content().getAsJsonObject("data").get("text/plain").getAsString();
    }

    /** Waits for the kernel's input_request on stdin and answers it with {@code value}. */
    private static Message answerInputRequest(String value) {
        Message request = client.await(STDIN, m -> m.msgType().equals("input_request"), WAIT);
        assertNotNull(request, "no input_request on stdin");
        JsonObject answer = new JsonObject();
        answer.addProperty("value", value);
        client.send(STDIN, new Message(List.of(), client.request("input_reply", answer).header(), request.header(),
                new JsonObject(), answer, List.of()));
        return request;
    }

    private static String stdout(List<Message> messages) {
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) {
            if (m.msgType().equals("stream") && m.content().get("name").getAsString().equals("stdout")) {
                sb.append(m.content().get("text").getAsString());
            }
        }
        return sb.toString();
    }

    @Test
    @Order(1)
    void topLevelAwaitGivesTheValue() {
        Message cell = execute("var x = await sleep(0.05, 42);\nx");
        assertEquals("ok", replyTo(cell).get("status").getAsString());
        assertEquals("42", result(cell));
    }

    @Test
    @Order(2)
    void taskOutputAfterItsCellEndedGoesToThatCell() {
        Message first = execute("var t = createTask(async(() -> { await sleep(0.3); System.out.println(\"late line\"); return 7; }));");
        List<Message> untilIdle = client.iopubUntilIdle(first, WAIT);
        assertEquals("", stdout(untilIdle), "nothing printed before the cell ended");
        Message second = execute("1 + 1");
        assertEquals("2", result(second));
        Message late = client.iopub(first, "stream", WAIT);
        assertNotNull(late, "the task's output did not arrive under its own cell");
        assertEquals("late line\n", late.content().get("text").getAsString());
        Message third = execute("await t");
        assertEquals("7", result(third));
    }

    @Test
    @Order(3)
    void outputOfACellArrivesBeforeItsIdleInOrder() {
        Message cell = execute("for (int i = 0; i < 200; i++) System.out.println(\"line \" + i);");
        List<Message> msgs = client.iopubUntilIdle(cell, WAIT);
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            expected.append("line ").append(i).append('\n');
        }
        assertEquals(expected.toString(), stdout(msgs));
    }

    private static void assertInterruptStops(String code) throws Exception {
        Message cell = execute(code);
        Thread.sleep(300);
        long t0 = System.nanoTime();
        Message interrupt = client.send(CONTROL, "interrupt_request", new JsonObject());
        assertNotNull(client.reply(CONTROL, interrupt, WAIT), "no interrupt_reply");
        JsonObject reply = replyTo(cell);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals("error", reply.get("status").getAsString());
        assertEquals("KeyboardInterrupt", reply.get("ename").getAsString(), reply.toString());
        assertTrue(seconds < 2, code + " took " + seconds + " s to stop");
        assertEquals("ok", replyTo(execute("int afterInterrupt = 1;")).get("status").getAsString());
    }

    @Test
    @Order(4)
    void interruptStopsAwaitingBusyAndBlockingCellsButNotBackgroundTasks() throws Exception {
        assertEquals("ok", replyTo(execute("var ticker = createTask(async(() -> { while (true) await sleep(0.05); }));")).get("status").getAsString());
        assertInterruptStops("await sleep(60);");
        assertInterruptStops("while (true) {}");
        assertInterruptStops("void spin() { for (long i = 0; ; i++) { } }\nspin();");
        assertInterruptStops("Thread.sleep(60000);");
        assertEquals("false", result(execute("ticker.done()")), "the background task survived the interrupts");
    }

    @Test
    @Order(5)
    void systemExitHaltAndStackOverflowDoNotTakeTheKernelDown() {
        for (String code : List.of("System.exit(3);", "Runtime.getRuntime().halt(1);", "Runtime.getRuntime().exit(0);")) {
            JsonObject reply = replyTo(execute(code));
            assertEquals("error", reply.get("status").getAsString(), code);
            assertEquals("SystemExit", reply.get("ename").getAsString(), code);
        }
        assertEquals("ok", replyTo(execute("int deep(int n) { return deep(n + 1) + 1; }")).get("status").getAsString());
        JsonObject soe = replyTo(execute("deep(0)"));
        assertEquals("java.lang.StackOverflowError", soe.get("ename").getAsString());
        assertTrue(kernel.isAlive());
        assertEquals("6", result(execute("2 * 3")));
    }

    @Test
    @Order(6)
    void awaitableInputAsksTheFrontend() {
        Message cell = execute("var name = await input(\"name? \");\n\"hi \" + name", true);
        Message request = answerInputRequest("jaio");
        assertEquals("name? ", request.content().get("prompt").getAsString());
        assertEquals("\"hi jaio\"", result(cell));
    }

    @Test
    @Order(7)
    void errorsNameTheCellLine() {
        JsonObject reply = replyTo(execute("int a = 1;\nint b = a / 0;"));
        assertEquals("java.lang.ArithmeticException", reply.get("ename").getAsString());
        String tb = String.join("\n", new com.google.gson.Gson().fromJson(reply.get("traceback"), String[].class));
        assertTrue(tb.contains("line 2"), tb);
        JsonObject compile = replyTo(execute("int ok = 1;\nint y = await sleep(0, 1) +;"));
        assertEquals("CompilationError", compile.get("ename").getAsString());
        String ctb = String.join("\n", new com.google.gson.Gson().fromJson(compile.get("traceback"), String[].class));
        assertTrue(ctb.contains("line 2"), ctb);
        assertTrue(ctb.contains("int y = await sleep(0, 1) +;"), "the line as the user typed it: " + ctb);
    }

    @Test
    @Order(11)
    void systemInReadsAskTheFrontendAndDaemonThreadErrorsAreReported() {
        Message cell = execute("var line = new java.util.Scanner(System.in).nextLine();\nline.toUpperCase()", true);
        answerInputRequest("typed");
        assertEquals("\"TYPED\"", result(cell));

        Message daemon = execute("Thread.ofPlatform().daemon().start(() -> { throw new IllegalStateException(\"from a daemon thread\"); }).join();");
        assertEquals("ok", replyTo(daemon).get("status").getAsString());
        StringBuilder err = new StringBuilder();
        for (Message m : client.iopubUntilIdle(daemon, WAIT)) {
            if (m.msgType().equals("stream") && m.content().get("name").getAsString().equals("stderr")) {
                err.append(m.content().get("text").getAsString());
            }
        }
        assertTrue(err.toString().contains("from a daemon thread"), "the uncaught exception is shown in its cell: " + err);
        assertTrue(kernel.isAlive());
    }

    @Test
    @Order(12)
    void inspectShowsTheSignatureAndDocumentation() {
        JsonObject c = new JsonObject();
        c.addProperty("code", "Math.max");
        c.addProperty("cursor_pos", 8);
        c.addProperty("detail_level", 0);
        Message inspect = client.send(SHELL, "inspect_request", c);
        Message reply = client.reply(SHELL, inspect, WAIT);
        assertNotNull(reply);
        assertTrue(reply.content().get("found").getAsBoolean(), reply.content().toString());
        String text = reply.content().getAsJsonObject("data").get("text/plain").getAsString();
        assertTrue(text.contains("max(int"), text);
        assertTrue(text.contains("Returns the greater of two"), "the Javadoc at detail level 0: " + text);
    }

    @Test
    @Order(10)
    void linesFromAThousandTasksAcrossThreeCellsArriveUnderTheirOwnCellInOrder() {
        List<Message> cells = new java.util.ArrayList<>();
        for (int c = 0; c < 3; c++) {
            // Each cell starts its tasks and ends at once; the tasks print afterwards, interleaved
            // with the other cells' tasks.
            int first = c * 334;
            int last = Math.min(1000, first + 334);
            cells.add(execute("for (int i = " + first + "; i < " + last + "; i++) { int id = i; createTask(async(() -> {"
                    + " for (int k = 0; k < 3; k++) { await sleep(0.001 * (id % 7)); System.out.println(\"task \" + id + \" line \" + k); } })); }"));
        }
        for (Message cell : cells) {
            assertEquals("ok", replyTo(cell).get("status").getAsString());
        }
        java.util.Map<Integer, Integer> nextLine = new java.util.HashMap<>();
        int received = 0;
        long deadline = System.nanoTime() + WAIT.toNanos();
        StringBuilder pending = new StringBuilder();
        while (received < 3000 && System.nanoTime() < deadline) {
            Message m = client.await(JupyterTestClient.Channel.IOPUB, x -> x.msgType().equals("stream"), Duration.ofSeconds(5));
            if (m == null) {
                break;
            }
            int cellIndex = -1;
            for (int c = 0; c < 3; c++) {
                if (cells.get(c).msgId().equals(m.parentMsgId())) {
                    cellIndex = c;
                }
            }
            for (String line : m.content().get("text").getAsString().split("\n")) {
                if (line.isEmpty()) {
                    continue;
                }
                String[] parts = line.split(" ");
                int id = Integer.parseInt(parts[1]);
                int k = Integer.parseInt(parts[3]);
                assertEquals(id / 334, cellIndex, "line '" + line + "' arrived under cell " + cellIndex);
                assertEquals(nextLine.getOrDefault(id, 0), k, "lines of task " + id + " in order");
                nextLine.put(id, k + 1);
                received++;
            }
        }
        assertEquals(3000, received, "every line arrived");
    }

    @Test
    @Order(9)
    void scriptStyleSeedCodeRunsInACell() {
        Message cell = execute("""
                Coroutine<String> main() { return async(() -> { await(sleep(0.05)); System.out.println("in main"); return "result"; }); }
                System.out.println(run(main()));
                var loop = newEventLoop();
                loop.callLater(0.05, loop::stop);
                loop.runForever();
                loop.close();
                System.out.println("run_forever returned");
                """);
        List<Message> msgs = client.iopubUntilIdle(cell, WAIT);
        assertEquals("in main\nresult\nrun_forever returned\n", stdout(msgs));
        assertEquals("ok", replyTo(cell).get("status").getAsString());
    }

    @Test
    @Order(8)
    void completeAndInspectAnswerWhileACellAwaits() {
        Message busy = execute("await sleep(1);");
        JsonObject c = new JsonObject();
        c.addProperty("code", "Math.ma");
        c.addProperty("cursor_pos", 7);
        long t0 = System.nanoTime();
        Message complete = client.send(SHELL, "complete_request", c);
        Message reply = client.reply(SHELL, complete, WAIT);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertNotNull(reply);
        assertTrue(reply.content().get("matches").toString().contains("max"), reply.content().toString());
        assertTrue(seconds < 0.9, "answered while the cell was still awaiting, took " + seconds);
        assertEquals("ok", replyTo(busy).get("status").getAsString());
    }
}
