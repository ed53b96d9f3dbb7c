package jaio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Seed code written as a Python script runs in a cell as written, over the real protocol:
 * {@code getEventLoop()} + {@code runUntilComplete} / {@code runForever} on the running kernel loop,
 * and Ctrl-C (the kernel's interrupt) as the seeds use it.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(120)
class SeedScriptsInCellsTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    static Path dir;
    private static RunningKernel kernel;

    @BeforeAll
    static void startKernel() throws Exception {
        kernel = new RunningKernel(dir, java.util.Map.of());
    }

    @AfterAll
    static void stopKernel() throws Exception {
        if (kernel != null) {
            kernel.close();
        }
    }

    /** Runs a cell to its idle; returns its stdout, after checking its reply's status. */
    private static String run(String code, String status) {
        RunningKernel.CellRun cell = kernel.run(code);
        assertEquals(status, cell.status(), cell.reply() + "\nstderr: " + cell.stream("stderr"));
        return cell.stdout();
    }

    @Test
    @Order(1)
    void runUntilCompleteAndRunForeverWaitInTheCellWhileOtherTasksRun() {
        run("var ticks = new java.util.concurrent.atomic.AtomicInteger();\n"
                + "var ticker = createTask(async(() -> { while (true) { await sleep(0.02); ticks.incrementAndGet(); } }));", "ok");
        String out = run("""
                Coroutine<String> work(double t) { return async(() -> { await sleep(t); return "done after " + t; }); }
                var loop = getEventLoop();
                int before = ticks.get();
                System.out.println(loop.runUntilComplete(work(0.3)));
                loop.callSoon(() -> System.out.println("Callback executed"));
                loop.callLater(0.3, loop::stop);
                loop.runForever();
                System.out.println("run_forever returned, the ticker ran: " + (ticks.get() - before > 5));
                loop.close();
                System.out.println("kernel loop running: " + loop.isRunning() + ", closed: " + loop.isClosed());
                """, "ok");
        assertEquals("done after 0.3\nCallback executed\nrun_forever returned, the ticker ran: true\n"
                + "kernel loop running: true, closed: false\n", out);
        assertEquals("false\n", run("System.out.println(ticker.done()); ticker.cancel();", "ok"));
    }

    @Test
    @Order(2)
    void s4_11_interruptDuringRunUntilCompleteCancelsTheFourTasksAndTheCellCompletes() throws Exception {
        Message cell = kernel.send("""
                Coroutine<Void> getHtml(double time) {
                    return async(() -> {
                        System.out.println("start get html");
                        await sleep(time);
                        System.out.println("end get html");
                    });
                }
                var task1 = getHtml(2);
                var task2 = getHtml(3);
                var task3 = getHtml(3);
                var tasks = List.of(task1, task2, task3);
                var loop = getEventLoop();
                try {
                    loop.runUntilComplete(Async.wait(tasks));
                } catch (KeyboardInterrupt e) {
                    var allTasks = allTasks(loop);
                    for (var task : allTasks) {
                        System.out.println("task cancel");
                        task.cancel();
                    }
                    loop.stop();
                    loop.runForever();
                } finally {
                    loop.close();
                }
                """);
        Message started = kernel.client.iopub(cell, "stream", WAIT);
        assertTrue(started != null, "the cell started");
        Thread.sleep(500);
        kernel.interrupt();
        List<Message> msgs = kernel.client.iopubUntilIdle(cell, WAIT);
        msgs.addFirst(started);
        JsonObject reply = kernel.replyTo(cell);
        assertEquals("ok", reply.get("status").getAsString(), "the cell caught the KeyboardInterrupt: " + reply);
        assertEquals("start get html\n".repeat(3) + "task cancel\n".repeat(4), new RunningKernel.CellRun(reply, msgs).stdout());
        Thread.sleep(3000);
        assertEquals("0\n", run("System.out.println(allTasks().size());", "ok"), "no task of the seed is left");
        assertEquals("", new RunningKernel.CellRun(new JsonObject(), kernel.client.drainIopub(Duration.ofMillis(100))).stdout(),
                "no end get html after the cancellation");
    }

    @Test
    @Order(3)
    void interruptOfASeedRunThatDoesNotCatchItEndsTheCellWithKeyboardInterrupt() throws Exception {
        Message cell = kernel.send("getEventLoop().runForever();");
        Thread.sleep(300);
        kernel.interrupt();
        JsonObject reply = kernel.replyTo(cell);
        assertEquals("error", reply.get("status").getAsString());
        assertEquals("KeyboardInterrupt", reply.get("ename").getAsString(), reply.toString());
        assertEquals("2\n", run("System.out.println(1 + 1);", "ok"));
    }

    @Test
    @Order(4)
    void s1_14_aProcessPoolRunsFunctionsAndClassesDefinedInCells() {
        run("""
                record Square(int n, long square) implements java.io.Serializable {}
                static Square square(Integer n) { System.out.println("squaring " + n); return new Square(n, (long) n * n); }
                """, "ok");
        String out = run("""
                try (var pool = new ProcessPool(2)) {
                    List<Square> squares = pool.map(x -> square(x), List.of(1, 2, 3));
                    System.out.println(squares);
                    System.out.println(pool.map((Integer x) -> ProcessHandle.current().pid() != ProcessHandle.current().parent().get().pid() ? "in a worker" : "here", List.of(1)));
                }
                """, "ok");
        assertTrue(out.endsWith("[Square[n=1, square=1], Square[n=2, square=4], Square[n=3, square=9]]\n[in a worker]\n"), out);
        for (int n = 1; n <= 3; n++) {
            assertTrue(out.contains("squaring " + n + "\n"), "the worker's print reached the cell: " + out);
        }
    }

    @Test
    @Order(5)
    void aFailureInAWorkerShowsItsRealCauseInTheCell() {
        Message cell = kernel.send("""
                try (var pool = new ProcessPool(1)) {
                    pool.map((Integer x) -> 10 / x, List.of(0));
                }
                """);
        kernel.client.iopubUntilIdle(cell, WAIT);
        JsonObject reply = kernel.replyTo(cell);
        assertEquals("error", reply.get("status").getAsString());
        assertEquals("java.lang.ArithmeticException", reply.get("ename").getAsString(), reply.toString());
        assertEquals("/ by zero", reply.get("evalue").getAsString());
    }
}
