package jaio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import jaio.kernel.wire.Message;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task views as a notebook sees them (issue 12): %tasks, %tasks --live, %task, %cancel,
 * cancelAll(), a Task value updating in place, %%timeline. A real kernel process over ZeroMQ.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(600)
class TaskViewsEndToEndTest {
    // Generous: on a machine shared by many builds, compiling a cell of ten snippets took over 30 s.
    private static final Duration WAIT = Duration.ofSeconds(120);
    @TempDir
    static Path dir;
    private static KernelUnderTest kernel;
    private static JupyterTestClient client;

    @BeforeAll
    static void startKernel() throws Exception {
        kernel = KernelUnderTest.start(dir, WAIT);
        client = kernel.client;
    }

    @AfterAll
    static void stopKernel() throws Exception {
        if (kernel != null) {
            kernel.close();
        }
    }

    private static Message execute(String code) {
        return kernel.execute(code);
    }

    /** Runs {@code code}, checks it succeeded, returns its iopub messages up to idle. */
    private static List<Message> ok(String code) {
        Message m = execute(code);
        List<Message> msgs = client.iopubUntilIdle(m, WAIT);
        JsonObject reply = kernel.reply(m, WAIT);
        assertEquals("ok", reply.get("status").getAsString(), code + " -> " + reply + " " + msgs);
        return msgs;
    }

    private static String stdout(List<Message> messages) {
        return KernelUnderTest.stream(messages, "stdout");
    }

    private static JsonObject display(List<Message> messages, String mime) {
        for (Message m : messages) {
            if ((m.msgType().equals("display_data") || m.msgType().equals("execute_result"))
                    && m.content().getAsJsonObject("data").has(mime)) {
                return m.content();
            }
        }
        throw new AssertionError("no " + mime + " display in " + messages);
    }

    private static String plain(List<Message> messages) {
        return display(messages, "text/plain").getAsJsonObject("data").get("text/plain").getAsString();
    }

    private static String lineOf(String text, String containing) {
        for (String l : text.split("\n")) {
            if (l.contains(containing)) {
                return l;
            }
        }
        throw new AssertionError("no line with '" + containing + "' in\n" + text);
    }

    @Test
    @Order(1)
    void theTableShowsWhereEachTaskWaitsAndWhichCellStartedIt() {
        List<Message> setup = ok("""
                var q = new jaio.Queue<Integer>();
                var lock = new Lock();
                await lock.acquire();
                jaio.Future<String> gate = new jaio.Future<>();
                var sleeper = createTask(sleep(30), "sleeper");
                var getter = createTask(q.get(), "getter");
                var locker = createTask(async(() -> { await lock.acquire(); lock.release(); }), "locker");
                var onFuture = createTask(async(() -> await gate), "onFuture");
                var child = createTask(sleep(30), "child");
                var parent = createTask(async(() -> await child), "parent");
                """);
        int setupCount = setup.stream().filter(m -> m.msgType().equals("execute_input")).findFirst()
                .orElseThrow().content().get("execution_count").getAsInt();
        await(0.1);
        List<Message> msgs = ok("%tasks");
        JsonObject data = display(msgs, "text/html").getAsJsonObject("data");
        String html = data.get("text/html").getAsString();
        String text = data.get("text/plain").getAsString();
        assertTrue(html.contains("<table class=\"jaio-task-table\">"), html);
        assertTrue(text.startsWith("6 pending tasks: 6 waiting, 0 ready to run"), text);
        String cell = "In[" + setupCount + "]";
        assertTrue(lineOf(text, "sleeper").matches(".*waiting .* " + Pattern.quote(cell) + " .*sleep \\(\\d+\\.\\d s left\\), for \\d+\\.\\d s"), text);
        assertTrue(lineOf(text, "getter").contains("get from a Queue"), text);
        assertTrue(lineOf(text, "locker").contains("acquire a Lock"), text);
        assertTrue(lineOf(text, "onFuture").contains("a Future"), text);
        assertTrue(lineOf(text, "parent").contains("Task 'child'"), text);
        // The lambda written in the cell's own code is suspended on the cell's line 7, not in JShell's wrapper.
        assertTrue(lineOf(text, "locker").contains("<cell> at cell [" + setupCount + "]:7"), "the suspension point is shown: " + text);
    }

    @Test
    @Order(2)
    void cancelByNameRunsTheTasksFinallyInItsOwnCellAndAllCancelsTheRest() {
        Message started = execute("""
                var guarded = createTask(async(() -> {
                    try { await sleep(30); } finally { System.out.println("guarded cleans up"); }
                }), "guarded");
                """);
        client.iopubUntilIdle(started, WAIT);
        await(0.1);
        String out = stdout(ok("%cancel guarded nosuchtask"));
        assertTrue(out.startsWith("cancelled 1: guarded\n"), out);
        assertTrue(out.contains("no pending task named nosuchtask"), out);
        Message late = client.iopub(started, "stream", WAIT);
        assertNotNull(late, "the cancelled task's finally printed nothing under its own cell");
        assertEquals("guarded cleans up\n", late.content().get("text").getAsString());

        String all = stdout(ok("%cancel --all"));
        assertTrue(all.startsWith("cancelled 6: "), all);
        assertTrue(plain(ok("tasks()")).startsWith("no pending tasks"));
        assertTrue(plain(ok("cancelAll()")).contains("cancelled nothing"));
    }

    @Test
    @Order(3)
    void theAwaitGraphOfAThreeDeepChainShowsTheUserFramesInOrder() {
        ok("""
                Coroutine<String> c3(jaio.Future<String> f) { return async(() -> await f); }
                Coroutine<String> c2(jaio.Future<String> f) { return async(() -> await c3(f)); }
                Coroutine<String> c1(jaio.Future<String> f) { return async(() -> await c2(f)); }
                jaio.Future<String> gate3 = new jaio.Future<>();
                var deep = createTask(c1(gate3), "deep");
                var watcher = createTask(async(() -> await gather(deep)), "watcher");
                """);
        await(0.1);
        String out = stdout(ok("%task deep"));
        String[] lines = out.split("\n");
        assertTrue(lines[0].startsWith("* Task(name='deep', id=0x"), out);
        assertEquals("  + Call stack:", lines[1]);
        // The frames point at the cell the user typed: c3 on its line 1, c2 on 2, c1 on 3.
        assertTrue(lines[2].matches("  \\|   File 'cell \\[\\d+\\]', line 1, in c3\\(\\)"), out);
        assertTrue(lines[3].matches("  \\|   File 'cell \\[\\d+\\]', line 2, in c2\\(\\)"), out);
        assertTrue(lines[4].matches("  \\|   File 'cell \\[\\d+\\]', line 3, in c1\\(\\)"), out);
        assertTrue(out.contains("  + Awaited by:\n    * Task(name='watcher'"), out);
        assertTrue(out.contains("waits for a Future, since "), out);
        ok("gate3.setResult(\"x\"); await watcher;");
        Message bad = execute("%task nosuch");
        JsonObject reply = kernel.reply(bad, WAIT);
        assertEquals("error", reply.get("status").getAsString());
        assertTrue(reply.get("evalue").getAsString().contains("no pending task is named or has the id 'nosuch'"), reply.toString());
    }

    @Test
    @Order(4)
    void aTaskValueUpdatesInPlaceWhenItCompletes() {
        Message cell = execute("createTask(sleep(0.4, 42), \"answer\")");
        List<Message> msgs = client.iopubUntilIdle(cell, WAIT);
        JsonObject shown = display(msgs, "text/plain");
        String id = shown.getAsJsonObject("transient").get("display_id").getAsString();
        assertTrue(shown.getAsJsonObject("data").get("text/plain").getAsString().startsWith("<Task pending name='answer'"), shown.toString());
        Message update = client.iopub(cell, "update_display_data", WAIT);
        assertNotNull(update, "no update_display_data when the task finished");
        assertEquals(id, update.content().getAsJsonObject("transient").get("display_id").getAsString());
        assertTrue(update.content().getAsJsonObject("data").get("text/plain").getAsString().contains("result=42"), update.toString());

        Message cf = execute("var cfv = new CompletableFuture<String>();\ncfv");
        JsonObject cfShown = display(client.iopubUntilIdle(cf, WAIT), "text/plain");
        assertEquals("<CompletableFuture pending>", cfShown.getAsJsonObject("data").get("text/plain").getAsString());
        ok("cfv.complete(\"yes\");");
        Message cfUpdate = client.iopub(cf, "update_display_data", WAIT);
        assertNotNull(cfUpdate);
        assertEquals("<CompletableFuture finished result=\"yes\">", cfUpdate.content().getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    @Order(5)
    void theLiveViewUpdatesAfterTheCellReturnedAndStopsWhenTheTasksAreDone() {
        Message cell = execute("""
                for (int i = 0; i < 5; i++) createTask(sleep(1.5 + i * 0.3), "download-" + i);
                %tasks --live
                """);
        List<Message> msgs = client.iopubUntilIdle(cell, WAIT);
        JsonObject first = display(msgs, "text/html");
        String id = first.getAsJsonObject("transient").get("display_id").getAsString();
        assertTrue(first.getAsJsonObject("data").get("text/html").getAsString().contains("data-pending=\"5\""));
        // A task a later cell starts is that cell's: the view neither lists it nor waits for it.
        ok("var later = createTask(sleep(30), \"later\");");
        List<String> updates = new ArrayList<>();
        while (true) {
            Message u = client.iopub(cell, "update_display_data", Duration.ofSeconds(5));
            if (u == null) {
                break;
            }
            assertEquals(id, u.content().getAsJsonObject("transient").get("display_id").getAsString());
            updates.add(u.content().getAsJsonObject("data").get("text/html").getAsString());
        }
        assertTrue(updates.size() >= 3, "updates (about two a second) after the cell returned: got " + updates.size());
        assertTrue(updates.getLast().contains("data-pending=\"0\"") && updates.getLast().contains("live view ended"), updates.getLast());
        assertTrue(updates.stream().anyMatch(h -> h.contains("download-4") && !h.contains("download-0")),
                "a view where the first downloads are done and the last still runs");
        assertTrue(updates.stream().noneMatch(h -> h.contains("later")), "the later cell's task is not watched");
        assertTrue(stdout(ok("%cancel later")).startsWith("cancelled 1: later"));
    }

    @Test
    @Order(6)
    void theTimelineOfS0_05HasTwoOverlappingLanesAndTakesAboutTwoSeconds() {
        List<Message> msgs = ok("""
                %%timeline
                Coroutine<Void> func1() { return async(() -> { System.out.println(1); await sleep(2); System.out.println(2); }); }
                Coroutine<Void> func2() { return async(() -> { System.out.println(3); await sleep(2); System.out.println(4); }); }
                var s005 = List.of(createTask(func1()), createTask(func2()));
                await Async.wait(s005);
                """);
        assertEquals("1\n3\n2\n4\n", stdout(msgs));
        String svg = display(msgs, "image/svg+xml").getAsJsonObject("data").get("image/svg+xml").getAsString();
        Matcher wall = Pattern.compile("data-wall=\"([0-9.]+)\"").matcher(svg);
        assertTrue(wall.find(), svg);
        Matcher span = Pattern.compile("data-span=\"([0-9.]+)\"").matcher(svg);
        assertTrue(span.find(), svg);
        double total = Double.parseDouble(span.group(1));
        assertTrue(total > 1.95 && total < 2.6, "the tasks took about 2 s, not 4: " + total);
        assertTrue(Double.parseDouble(wall.group(1)) >= total, "the cell's wall time includes the tasks'");
        Matcher lane = Pattern.compile("<g class=\"lane\" data-task=\"([^\"]+)\" data-start=\"([0-9.]+)\" data-end=\"([0-9.]+)\">").matcher(svg);
        List<double[]> bars = new ArrayList<>();
        while (lane.find()) {
            bars.add(new double[] {Double.parseDouble(lane.group(2)), Double.parseDouble(lane.group(3))});
        }
        assertEquals(2, bars.size(), svg);
        assertTrue(bars.get(0)[0] < bars.get(1)[1] && bars.get(1)[0] < bars.get(0)[1], "the two bars overlap in time");
        assertTrue(bars.get(0)[1] - bars.get(0)[0] > 1.9, "each lane lasts about 2 s");
        assertTrue(bars.get(0)[0] < 0.01, "the axis starts where the first task was created, not at the cell's compiling: " + bars.get(0)[0]);
        assertTrue(svg.contains("<title>Task-") && svg.contains("waits: sleep 2.0 s"), "hovering a wait names it");
        // The body's lines are the cell's: func1 is on line 2, under %%timeline.
        Message failing = execute("%%timeline\nint n = 1;\nint[] none = new int[0];\nint boom = none[n];");
        JsonObject reply = kernel.reply(failing, WAIT);
        assertTrue(String.join("\n", new com.google.gson.Gson().fromJson(reply.get("traceback"), String[].class)).contains("line 4"),
                "the error is on the cell's line 4: " + reply);
    }

    @Test
    @Order(7)
    void timelineOfAnAwaitableAndTenThousandTasksStayReadable() {
        List<Message> msgs = ok("""
                Coroutine<Integer> work(int i) { return async(() -> { await sleep(0.001 * (i % 50)); return i; }); }
                var many = new ArrayList<Coroutine<Integer>>();
                for (int i = 0; i < 10_000; i++) many.add(work(i));
                var sum = timeline(gather(many)).stream().mapToInt(x -> x).sum();
                sum
                """);
        assertEquals("49995000", plain(msgs.stream().filter(m -> m.msgType().equals("execute_result")).toList()));
        String svg = display(msgs, "image/svg+xml").getAsJsonObject("data").get("image/svg+xml").getAsString();
        assertTrue(svg.contains("data-tasks=\"10000\""), svg.substring(0, 300));
        assertTrue(svg.contains("class=\"lane group\""), "lanes are grouped");
        assertTrue(svg.length() < 200_000, "the picture stays small: " + svg.length() + " chars");
    }

    @Test
    @Order(8)
    void aHundredThousandPendingTasksAreSummarisedWithoutWalkingEveryStack() {
        ok("""
                jaio.Future<Void> never = new jaio.Future<>();
                Coroutine<Void> idle() { return async(() -> { await never; }); }
                for (int i = 0; i < 100_000; i++) createTask(idle());
                await sleep(0.5);
                """);
        String inKernel = plain(ok("var t0 = System.nanoTime(); var table = tasks(); String.format(\"%.3f\", (System.nanoTime() - t0) / 1e9)"));
        System.out.println("tasks() with 100,000 pending tasks took " + inKernel + " s in the kernel");
        long t0 = System.nanoTime();
        List<Message> msgs = ok("%tasks");
        double seconds = (System.nanoTime() - t0) / 1e9;
        String text = plain(msgs);
        assertTrue(text.startsWith("100,000 pending tasks: 100,000 waiting"), text.substring(0, 200));
        assertTrue(text.contains("99,950 more not listed"), text);
        assertTrue(lineOf(text, "100,000  ").contains("a Future"), text);
        System.out.printf("%%tasks with 100,000 pending tasks answered in %.3f s%n", seconds);
        // Walking every task's stack would take over 5 s here (about 50 us each); the table walks
        // 50 rows and one task per group. The bound leaves room for this shared machine's young
        // collections, which scan every parked task's stack (0.3-1 s each under load).
        assertTrue(seconds < 3.0, "%tasks took " + seconds + " s");
        String out = stdout(ok("%cancel --all"));
        assertTrue(out.startsWith("cancelled 100000"), out);
    }

    @Test
    @Order(9)
    void theTimelineOfAProducerAndAConsumerShowsTheConsumerWaitingOnTheQueue() {
        List<Message> msgs = ok("""
                %%timeline
                var pc = new jaio.Queue<Integer>();
                var producer = createTask(async(() -> { for (int i = 0; i < 3; i++) { await sleep(0.3); await pc.put(i); } }), "producer");
                var consumer = createTask(async(() -> { int sum = 0; for (int i = 0; i < 3; i++) sum += await pc.get(); return sum; }), "consumer");
                await consumer
                """);
        String svg = display(msgs, "image/svg+xml").getAsJsonObject("data").get("image/svg+xml").getAsString();
        assertTrue(svg.contains("data-task=\"producer\"") && svg.contains("data-task=\"consumer\""), svg);
        assertTrue(svg.contains("consumer waits: get from a Queue"), "hovering the consumer's bars names the queue");
        assertTrue(svg.contains("producer waits: sleep 0.3 s"), "and the producer's names its sleep");
        Matcher waits = Pattern.compile("consumer waits: get from a Queue").matcher(svg);
        int n = 0;
        while (waits.find()) {
            n++;
        }
        assertEquals(3, n, "the consumer waits once per item");
    }

    @Test
    @Order(10)
    void theCellsOwnFramesPointAtTheCellAndLineWhileItRuns() {
        // A comment and a blank line first: lines count as the user sees them. The cell's own task
        // is looked at while it still runs (its snippet has not returned to JShell yet).
        List<Message> msgs = ok("""
                // the cell's own code
                
                String me = currentTask().getName();
                var spy = createTask(async(() -> { await sleep(0.05); System.out.println(taskGraph(me)); System.out.println(tasks()); }), "spy");
                var topLevel = createTask(async(() -> {
                    await sleep(30); }), "topLevel");
                await sleep(0.2);
                """);
        String out = stdout(msgs);
        int count = msgs.stream().filter(m -> m.msgType().equals("execute_input")).findFirst()
                .orElseThrow().content().get("execution_count").getAsInt();
        String cell = "cell [" + count + "]";
        assertTrue(out.contains("  + Call stack:\n  |   File '" + cell + "', line 7, in <cell>\n  waits for sleep"),
                "the cell's await graph is its line 7 and nothing of the kernel under it: " + out);
        assertTrue(lineOf(out, "topLevel").contains("<cell> at " + cell + ":6"), out);
        assertTrue(lineOf(out, "In[" + count + "]  <cell> at " + cell + ":7").contains("waiting"), out);
        for (String internal : List.of("$JShell", "do_it", "jaio.kernel", "SnippetRun", "CellRunner")) {
            assertFalse(out.contains(internal), internal + " shown to the user: " + out);
        }
        ok("%cancel topLevel");
    }

    @Test
    @Order(11)
    void taskNamesAndIdsCompleteAfterTaskAndCancel() {
        ok("""
                var f1 = createTask(sleep(30), "fetch-1");
                var f2 = createTask(sleep(30), "fetch-2");
                var o = createTask(sleep(30), "other one");
                """);
        assertEquals(List.of("fetch-1", "fetch-2"), complete("%task fe"));
        assertEquals(List.of("fetch-2"), complete("%cancel fetch-1 fe"));
        assertEquals(List.of("--all"), complete("%cancel --a"));
        assertEquals(List.of(), complete("%task fetch-1 fe"), "%task takes one task");
        String otherId = plain(ok("\"0x\" + Integer.toHexString(System.identityHashCode(o))"));
        List<String> all = complete("%task ");
        assertTrue(all.containsAll(List.of("fetch-1", "fetch-2", otherId.replace("\"", ""))), "a name with a blank is offered by its id: " + all);
        assertTrue(complete("%cancel 0x").contains(otherId.replace("\"", "")), "ids complete after 0x");
        // While a cell awaits, the loop is free: completion answers at once.
        Message busy = execute("await sleep(1);");
        long t0 = System.nanoTime();
        assertEquals(List.of("fetch-1", "fetch-2"), complete("%cancel fetch"));
        assertTrue((System.nanoTime() - t0) / 1e9 < 0.9, "answered while the cell awaited");
        client.iopubUntilIdle(busy, WAIT);
        ok("%cancel --all");
    }

    private static List<String> complete(String code) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("cursor_pos", code.length());
        Message reply = client.reply(JupyterTestClient.Channel.SHELL, client.send(JupyterTestClient.Channel.SHELL, "complete_request", c), WAIT);
        assertNotNull(reply, "no complete_reply for " + code);
        List<String> out = new ArrayList<>();
        reply.content().getAsJsonArray("matches").forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static void await(double seconds) {
        try {
            Thread.sleep((long) (seconds * 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        assertFalse(Thread.currentThread().isInterrupted());
    }
}
