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
        kernel = new RunningKernel(dir, java.util.Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (kernel != null) {
            kernel.close();
        }
    }

    /** Runs a cell that must succeed; returns what it printed to stderr. */
    private static String ok(String code) {
        RunningKernel.CellRun run = kernel.run(code);
        assertEquals("ok", run.status(), code + " -> " + run.error() + "\n" + run.traceback());
        return run.stream("stderr");
    }

    /** Runs a cell that must fail; returns its traceback. */
    private static String error(String code) {
        RunningKernel.CellRun run = kernel.run(code);
        assertEquals("error", run.status(), code + " -> " + run.reply());
        return run.traceback();
    }

    /** Runs a cell that must succeed with a value; returns its text/plain. */
    private static String value(String code) {
        RunningKernel.CellRun run = kernel.run(code);
        assertEquals("ok", run.status(), code + " -> " + run.error() + "\n" + run.traceback());
        assertNotNull(run.result(), "no value for " + code);
        return run.result().get("text/plain").getAsString();
    }

    // ---- 10: a cell sent right after an error reply runs: AbortAfterErrorTest (made certain under a debugger)

    // ---- 1: values survive a redefinition, or the cell says which were reset ---------------

    @Test
    @Order(2)
    void variablesKeepTheirValuesWhenWhatTheyDependOnIsRedefined() {
        ok("String greet() { return \"hi\"; }\nvar msg = greet();\nint len = greet().length();");
        ok("var handle = createTask(async(() -> { await sleep(0.3); return greet(); }));");
        String note = ok("String greet() { return \"ho\"; }");
        assertEquals("", note, "nothing was reset");
        assertEquals("\"hi\"", value("msg"));
        assertEquals("2", value("len"));
        // The task goes on with the code it started with (JShell binds calls when it compiles).
        assertEquals("\"hi\"", value("await handle"), "the running task's handle survived");

        ok("class Counter { int n; }\nvar cnt = new Counter();");
        String reset = ok("class Counter { int n; int inc() { return ++n; } }");
        assertTrue(reset.contains("cnt") && reset.contains("class Counter was redefined"), "the cell says cnt was reset and why: " + reset);
        assertEquals("1", value("var cnt2 = new Counter();\ncnt2.inc()"));
        assertEquals("1", value("cnt = new Counter();\ncnt.inc()"), "cnt is still declared, with the new class");
    }

    // ---- 4: plain Java names are not shadowed ------------------------------------------------

    @Test
    @Order(4)
    void plainJavaNamesMeanTheJdksTypesAndAsyncioTypesAreQualified() {
        assertEquals("1", value("Queue<Integer> q = new ArrayDeque<>();\nq.add(1);\nq.size()"));
        assertEquals("5", value("PriorityQueue<Integer> pq = new PriorityQueue<>();\npq.add(5);\npq.peek()"));
        assertEquals("1", value("var executor = Executors.newSingleThreadExecutor();\nFuture<Integer> f = executor.submit(() -> 1);\nvar got = f.get();\nexecutor.shutdown();\ngot"));
        assertEquals("true", value("Semaphore s = new Semaphore(1);\ns.tryAcquire()"));
        assertEquals("7", value("var aq = new jaio.Queue<Integer>();\nawait aq.put(7);\nawait aq.get()"));
        String tb = error("Queue<Integer> q2 = new jaio.Queue<Integer>();");
        assertTrue(tb.contains("asyncio's Queue is written jaio.Queue"), tb);
    }

    // ---- 5 and 6: errors in the user's terms ----------------------------------------------

    @Test
    @Order(5)
    void awaitingANonAwaitableSaysSoInOneLine() {
        String tb = error("await 42");
        assertTrue(tb.contains("int is not awaitable; await takes a coroutine, task, future or CompletableFuture"), tb);
        assertFalse(tb.contains("candidate") || tb.contains("not applicable"), "no overload list: " + tb);
        assertFalse(tb.contains("hint:"), "no hint about names the message does not show: " + tb);
    }

    @Test
    @Order(6)
    void errorMessagesDoNotShowJShellWrapperNames() {
        String npe = (error("String nothing = null;\nnothing.length()"));
        assertTrue(npe.contains("because \"nothing\" is null"), npe);
        assertFalse(npe.contains("$JShell$"), npe);
        String missing = (error("int y = undefinedName + 1;"));
        assertTrue(missing.contains("cannot find symbol"), missing);
        assertFalse(missing.matches("(?s).*location: class\\s*(\n.*)?$") || missing.contains("location: class\n"), missing);
        assertFalse(missing.contains("$JShell$"), missing);
    }

    // ---- 9: display handles do not echo; user_expressions ---------------------------------

    @Test
    @Order(9)
    void displayShowsOnceAndUserExpressionsAreEvaluated() {
        List<Message> out = kernel.run("display(\"shown once\")").iopub();
        assertEquals(1, out.stream().filter(m -> m.msgType().equals("display_data")).count(), out.toString());
        assertEquals(0, out.stream().filter(m -> m.msgType().equals("execute_result")).count(), "the handle is not echoed: " + out);

        JsonObject expressions = new JsonObject();
        expressions.addProperty("sum", "base + 2");
        expressions.addProperty("bad", "noSuchName");
        JsonObject reply = kernel.replyTo(kernel.send("int base = 40;", false, expressions));
        JsonObject ue = reply.getAsJsonObject("user_expressions");
        assertEquals("ok", ue.getAsJsonObject("sum").get("status").getAsString(), ue.toString());
        assertEquals("42", ue.getAsJsonObject("sum").getAsJsonObject("data").get("text/plain").getAsString());
        assertEquals("error", ue.getAsJsonObject("bad").get("status").getAsString(), ue.toString());
    }

    // ---- 2: interrupt stops a background task that never yields ----------------------------

    @Test
    @Order(20)
    void interruptStopsABusyBackgroundTaskAndLeavesTheOthersRunning() throws Exception {
        ok("var ticks = new java.util.concurrent.atomic.AtomicInteger();\n"
                + "var ticker = createTask(async(() -> { while (true) { ticks.incrementAndGet(); await sleep(0.01); } }));");
        Message starter = kernel.send("var busy = createTask(async(() -> { long z = 0; while (true) { z++; } }));");
        assertEquals("ok", kernel.replyTo(starter).get("status").getAsString());
        Message next = kernel.send("1 + 1");
        Thread.sleep(300);
        long t0 = System.nanoTime();
        kernel.interrupt();
        JsonObject reply = kernel.replyTo(next);
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals("ok", reply.get("status").getAsString(), "the waiting cell runs, it is not the one interrupted: " + reply);
        assertTrue(seconds < 2, "the loop was free again after " + seconds + " s");
        assertEquals("true", value("busy.done()"));
        assertEquals("\"jaio.KeyboardInterrupt\"", value("busy.exception().getClass().getName()"));
        assertEquals("false", value("ticker.done()"), "the other task keeps running");
        int before = Integer.parseInt(value("ticks.get()"));
        Thread.sleep(200);
        assertTrue(Integer.parseInt(value("ticks.get()")) > before, "the ticker still ticks");
        Message shown = kernel.client.await(JupyterTestClient.Channel.IOPUB, m -> m.parentMsgId().equals(starter.msgId())
                && m.msgType().equals("stream") && m.content().get("text").getAsString().contains("KeyboardInterrupt"), RunningKernel.WAIT);
        assertNotNull(shown, "the busy task's cell shows that it was interrupted");
        ok("ticker.cancel();");
    }

    // ---- 3: a failing background task shows its error in its cell --------------------------

    @Test
    @Order(21)
    void aBackgroundTaskThatFailsWithNobodyAwaitingItShowsItsErrorInItsCell() {
        Message starter = kernel.send("Coroutine<Void> w() {\n    return async(() -> {\n        await sleep(0.5);\n"
                + "        throw new IllegalStateException(\"boom\");\n    });\n}\ncreateTask(w(), \"worker\");");
        assertEquals("ok", kernel.replyTo(starter).get("status").getAsString());
        Message shown = kernel.client.await(JupyterTestClient.Channel.IOPUB, m -> m.parentMsgId().equals(starter.msgId())
                && m.msgType().equals("stream") && m.content().get("text").getAsString().contains("boom"), RunningKernel.WAIT);
        assertNotNull(shown, "the failure is shown under the cell that started the task, without a GC");
        String text = shown.content().get("text").getAsString();
        assertEquals("stderr", shown.content().get("name").getAsString());
        assertTrue(text.contains("Task exception was never retrieved") && text.contains("name='worker'"), text);
        assertTrue(text.contains("java.lang.IllegalStateException: boom"), text);
        assertTrue(text.contains("line 4"), "the traceback names the cell's line: " + text);
        assertFalse(text.contains("$JShell$") || text.contains("jdk.internal"), "trimmed: " + text);
    }

    // ---- 5 and 6: a dropped coroutine warns; reprs name the user's method and cell line ------

    @Test
    @Order(7)
    void aCoroutineDroppedUnawaitedWarnsInTheCell() {
        String err = ok("sleep(0.01);");
        assertTrue(err.contains("RuntimeWarning: coroutine 'sleep' was never awaited; write: await sleep(0.01)"), err);
        assertFalse(err.contains("\tat ") || err.contains("jaio."), "no kernel stack trace: " + err);
    }

    /**
     * Inside a task body: a coroutine thrown away by a statement is reported when it happens (as
     * Python does when the last reference goes); one kept in a variable and never awaited, when
     * the garbage collector finds it. Both in the cell that started the task, with the cell line
     * where the user made it, and without debug mode.
     */
    @Test
    @Order(9)
    void aCoroutineDroppedInsideATaskBodyWarnsInTheCellThatStartedIt() {
        Message starter = kernel.send("Coroutine<String> nap() {\n    return async(() -> { await sleep(0.01); return \"z\"; });\n}\n"
                + "createTask(async(() -> {\n    await sleep(0.2);\n    sleep(0.01);\n    nap();\n    var kept = nap();\n    return null;\n}), \"dropper\");");
        JsonObject reply = kernel.replyTo(starter);
        assertEquals("ok", reply.get("status").getAsString(), reply.toString());
        String cell = "cell [" + reply.get("execution_count").getAsInt() + "]";
        String dropped = cell + " line 6: RuntimeWarning: coroutine 'sleep' was never awaited\n"
                + cell + " line 7: RuntimeWarning: coroutine 'nap' was never awaited\n";
        String shown = starterStderr(starter, dropped, RunningKernel.WAIT);
        assertTrue(shown.contains(dropped), "shown in the starting cell, without a GC: " + shown);
        assertFalse(shown.contains("\tat ") || shown.contains("jaio.") || shown.contains("$JShell$"), "no kernel stack trace: " + shown);
        String kept = cell + " line 8: RuntimeWarning: coroutine 'nap' was never awaited";
        String collected = "";
        for (int i = 0; i < 20 && !collected.contains(kept); i++) {
            ok("System.gc(); await sleep(0.05);");
            collected += starterStderr(starter, kept, Duration.ofMillis(200));
        }
        assertTrue(collected.contains(kept), "a coroutine kept in a variable and never awaited is reported when collected: " + collected);
        String awaitedLater = ok("var later = nap();\nawait sleep(0.01);\nSystem.gc();\nawait sleep(0.05);\nawait later;\nSystem.gc();\nawait sleep(0.05);");
        assertFalse(awaitedLater.contains("never awaited"), "a coroutine awaited in a later step is not reported: " + awaitedLater);
    }

    /** What {@code starter}'s cell printed to stderr from now on, until it contains {@code expected} or {@code timeout} passed. */
    private static String starterStderr(Message starter, String expected, Duration timeout) {
        StringBuilder text = new StringBuilder();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!text.toString().contains(expected) && System.nanoTime() < deadline) {
            Message m = kernel.client.await(JupyterTestClient.Channel.IOPUB, x -> x.parentMsgId().equals(starter.msgId())
                    && x.msgType().equals("stream") && x.content().get("name").getAsString().equals("stderr"),
                    Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime())));
            if (m != null) {
                text.append(m.content().get("text").getAsString());
            }
        }
        return text.toString();
    }

    @Test
    @Order(8)
    void taskReprsReadLikeAsyncios() {
        Message def = kernel.send("Coroutine<String> fetch() {\n    return async(() -> {\n        await sleep(30);\n        return \"x\";\n    });\n}\n"
                + "var fetching = createTask(fetch());");
        JsonObject reply = kernel.replyTo(def);
        assertEquals("ok", reply.get("status").getAsString(), reply.toString());
        int count = reply.get("execution_count").getAsInt();
        // A task as a cell's value is shown as a live view (display_data) or as the value: either way, its repr.
        RunningKernel.CellRun shown = kernel.run("fetching");
        assertEquals("ok", shown.status(), shown.error());
        JsonObject data = shown.result() != null ? shown.result() : shown.ofType("display_data").getFirst().content().getAsJsonObject("data");
        String repr = data.get("text/plain").getAsString();
        assertTrue(repr.matches("<Task pending name='Task-\\d+' coro=<fetch\\(\\) running at cell \\[" + count + "\\] line 3>.*"), repr);
        String all = value("allTasks()");
        assertTrue(all.contains("coro=<fetch() running at cell [" + count + "] line 3>"), all);
        assertFalse(all.contains("code of cell"), "the cell's own task is not among the tasks it looks at: " + all);
        ok("fetching.cancel();");
    }

    @Test
    @Order(10)
    void awaitAppliesToTheWholePrimaryAsInPython() {
        ok("record Response(String body) { Coroutine<String> text() { return async(() -> body); } }\n"
                + "Coroutine<Response> get(String u) { return async(() -> new Response(\"page \" + u)); }");
        assertEquals("\"page a\"", value("await (await get(\"a\")).text()"));
    }

    // ---- 8: documentation reads as text; NAME? is complete -----------------------------------

    @Test
    @Order(11)
    void documentationIsRenderedAndAHelpRequestIsComplete() {
        for (String code : List.of("Math.max?", "gather?", "Math.max??")) {
            JsonObject c = new JsonObject();
            c.addProperty("code", code);
            Message request = kernel.client.send(JupyterTestClient.Channel.SHELL, "is_complete_request", c);
            Message reply = kernel.client.reply(JupyterTestClient.Channel.SHELL, request, RunningKernel.WAIT);
            assertNotNull(reply);
            assertEquals("complete", reply.content().get("status").getAsString(), code);
        }
        String text = inspect("Math.max", 8);
        assertTrue(text.contains("Returns the greater of two `int` values"), text);
        assertFalse(text.contains("{@code") || text.contains("{@link") || text.contains("<p>"), text);
        assertTrue(text.contains("Parameters:") && text.contains("Returns:"), text);
    }

    @Test
    @Order(11)
    void jaiosOwnApiIsDocumentedInThePagerAndInInspect() {
        String page = page("gather?");
        assertTrue(page.contains("runs the awaitables concurrently"), page);
        assertTrue(page.contains("Returns:\n  a future of the results"), page);
        assertFalse(page.contains("{@code") || page.contains("{@link"), page);

        String text = inspect("await sleep(0.1);", 9);
        String summary = "asyncio.sleep(delay): suspends the current task for `seconds` seconds";
        assertTrue(text.contains(summary), text);
        assertTrue(text.indexOf(summary) < text.indexOf("Parameters:"), "summary first: " + text);

        for (String name : List.of("createTask", "ClientSession")) {
            String doc = page(name + "?");
            assertTrue(doc.contains(name.equals("createTask") ? "schedules it to run soon" : "Connections are kept alive"), doc);
        }
    }

    /** The text/plain of the inspect_reply for {@code code} at {@code cursor} (detail level 0). */
    private String inspect(String code, int cursor) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("cursor_pos", cursor);
        c.addProperty("detail_level", 0);
        Message inspect = kernel.client.send(JupyterTestClient.Channel.SHELL, "inspect_request", c);
        Message reply = kernel.client.reply(JupyterTestClient.Channel.SHELL, inspect, RunningKernel.WAIT);
        assertNotNull(reply);
        return reply.content().getAsJsonObject("data").get("text/plain").getAsString();
    }

    /** The text/plain of the pager payload that running {@code code} (a help request) returns. */
    private String page(String code) {
        JsonObject reply = kernel.run(code).reply();
        assertEquals("ok", reply.get("status").getAsString(), reply.toString());
        return reply.getAsJsonArray("payload").get(0).getAsJsonObject()
                .getAsJsonObject("data").get("text/plain").getAsString();
    }

    // ---- 7: a syntax error runs nothing; a later type error says which lines ran ------------

    @Test
    @Order(12)
    void aSyntaxErrorAnywhereRunsNothingAndATypeErrorSaysWhichLinesRan() {
        for (String bad : List.of("System.out.println(\"first\");\nint y = 1 +;", "System.out.println(\"first\");\nint x = 1 2;\nint z = 3;")) {
            RunningKernel.CellRun run = kernel.run(bad);
            assertEquals("error", run.status(), bad);
            assertEquals("CompilationError", run.reply().get("ename").getAsString(), run.traceback());
            assertEquals("", run.stdout(), "nothing ran: " + bad);
            assertTrue(run.traceback().contains("line 2"), run.traceback());
        }
        RunningKernel.CellRun typed = kernel.run("System.out.println(\"first\");\nint ok2 = 2;\nString s = 1;");
        assertEquals("error", typed.status());
        assertEquals("first\n", typed.stdout());
        assertTrue(typed.traceback().contains("lines 1-2 of this cell ran before this error"), typed.traceback());
    }
}
