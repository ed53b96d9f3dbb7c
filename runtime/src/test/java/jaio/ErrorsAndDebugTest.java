package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The exception handler, never-retrieved exceptions, pending tasks at close, debug mode. */
class ErrorsAndDebugTest {
    private static String captureStderr(Runnable body) {
        PrintStream saved = System.err;
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true));
        try {
            body.run();
        } finally {
            System.setErr(saved);
        }
        return buf.toString();
    }

    @Test
    void unretrievedTaskExceptionIsReportedAtClose() {
        Loop loop = newEventLoop();
        List<ExceptionContext> reported = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reported.add(c));
        loop.runUntilComplete(async(() -> {
            createTask(async(() -> {
                throw new IllegalStateException("nobody looks at me");
            }), "failing");
            await(sleep(0.01));
        }));
        loop.close();
        assertEquals(1, reported.size());
        assertEquals("Task exception was never retrieved", reported.get(0).message());
        assertEquals("nobody looks at me", reported.get(0).exception().getMessage());
        assertTrue(String.valueOf(reported.get(0).get("future")).contains("name='failing'"));
    }

    @Test
    void retrievedExceptionIsNotReported() {
        Loop loop = newEventLoop();
        List<ExceptionContext> reported = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reported.add(c));
        loop.runUntilComplete(async(() -> {
            Task<Object> t = createTask(async(() -> {
                throw new IllegalStateException("x");
            }));
            await(sleep(0.01));
            assertNotNull(t.exception());
        }));
        loop.close();
        assertEquals(List.of(), reported);
    }

    @Test
    void unretrievedExceptionOfACollectedFutureIsReportedWhileRunning() {
        Loop loop = newEventLoop();
        List<String> reported = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reported.add(c.message()));
        loop.runUntilComplete(async(() -> {
            createTask(async(() -> {
                throw new IllegalStateException("dropped");
            }));
            for (int i = 0; i < 100 && reported.isEmpty(); i++) {
                System.gc();
                await(sleep(0.02));
            }
        }));
        assertEquals(List.of("Task exception was never retrieved"), reported);
        loop.close();
    }

    @Test
    void defaultHandlerWritesMessageAndTraceToStderr() {
        String err = captureStderr(() -> {
            Loop loop = newEventLoop();
            loop.runUntilComplete(async(() -> {
                createTask(async(() -> {
                    throw new IllegalStateException("to stderr");
                }));
                await(sleep(0.01));
            }));
            loop.close();
        });
        assertTrue(err.startsWith("Task exception was never retrieved"), err);
        assertTrue(err.contains("future: <Task finished"), err);
        assertTrue(err.contains("java.lang.IllegalStateException: to stderr"), err);
    }

    @Test
    void pendingTaskDestroyedAtCloseIsReported() {
        Loop loop = newEventLoop();
        List<ExceptionContext> reported = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reported.add(c));
        loop.runUntilComplete(async(() -> {
            createTask(sleep(10), "forgotten");
            await(sleep(0));
        }));
        loop.close();
        assertEquals(1, reported.size());
        assertEquals("Task was destroyed but it is pending!", reported.get(0).message());
        assertTrue(reported.get(0).get("task").toString().contains("forgotten"));
    }

    @Test
    void failingExceptionHandlerFallsBackToTheDefault() {
        String err = captureStderr(() -> {
            Loop loop = newEventLoop();
            loop.setExceptionHandler((l, c) -> {
                throw new IllegalStateException("handler broke");
            });
            loop.callSoon(() -> {
                throw new IllegalArgumentException("callback broke");
            });
            loop.callSoon(loop::stop);
            loop.runForever();
            loop.close();
        });
        assertTrue(err.contains("Unhandled error in exception event handler"), err);
        assertTrue(err.contains("handler broke"), err);
    }

    @Test
    void debugModeReportsABlockingStepWithTaskDurationAndLine() {
        String err = captureStderr(() -> run(async("main", () -> {
            createTask(async("blocker", () -> {
                Thread.sleep(150);
            }), "blocking-task");
            await(sleep(0.2));
        }), true));
        assertTrue(err.contains("Executing <Task"), err);
        assertTrue(err.contains("name='blocking-task'"), err);
        assertTrue(err.matches("(?s).*took 0\\.1[5-9]\\d seconds.*|(?s).*took 0\\.[2-9]\\d\\d seconds.*"), err);
        assertTrue(err.contains("ErrorsAndDebugTest.java"), "names the line where it blocked: " + err);
    }

    private static void spinFor(long millis) {
        long end = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < end) {
            Thread.onSpinWait();
        }
    }

    @Test
    void debugModeNamesTheLineOfABusyStep() {
        String err = captureStderr(() -> run(async(() -> {
            createTask(async(() -> spinFor(300)), "busy-task");
            await(sleep(0.35));
        }), true));
        assertTrue(err.contains("name='busy-task'"), err);
        assertTrue(err.contains("it blocked the loop at jaio.ErrorsAndDebugTest.spinFor(ErrorsAndDebugTest.java:"), err);
    }

    @Test
    void debugModeIsQuietForFastSteps() {
        String err = captureStderr(() -> run(async(() -> await(sleep(0.01))), true));
        assertEquals("", err);
    }

    @Test
    void slowCallbackDurationIsConfigurable() {
        String err = captureStderr(() -> {
            Loop loop = newEventLoop();
            loop.setDebug(true);
            loop.setSlowCallbackDuration(0.01);
            loop.callSoon(() -> {
                long end = System.nanoTime() + 30_000_000L;
                while (System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
            });
            loop.callSoon(loop::stop);
            loop.runForever();
            loop.close();
        });
        assertTrue(err.contains("Executing <Handle"), err);
    }

    @Test
    void neverAwaitedCoroutineIsReportedInDebugMode() {
        Loop loop = newEventLoop();
        loop.setDebug(true);
        List<String> reported = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reported.add(c.message()));
        loop.runUntilComplete(async(() -> {
            async("forgotten_coro", () -> 1); // created, never awaited
            for (int i = 0; i < 100 && reported.isEmpty(); i++) {
                System.gc();
                await(sleep(0.02));
            }
        }));
        loop.close();
        assertEquals(List.of("coroutine 'forgotten_coro' was never awaited"), reported);
    }

    @Test
    void coroutineDroppedInATaskIsReportedWithoutDebugModeInTheTasksContext() {
        Loop loop = newEventLoop();
        ContextVar<String> who = new ContextVar<>("who", "nobody");
        List<String> reported = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reported.add(c.message() + " in " + who.get() + " as " + c.get("warning")));
        loop.runUntilComplete(async(() -> {
            Task<?> worker = createTask(async(() -> {
                who.set("worker");
                async("forgotten", () -> 1); // made and dropped inside a task body
                return null;
            }));
            Coroutine<Integer> kept = async("kept", () -> 2); // made in one step, awaited in a later one
            Coroutine<Integer> wrapped = async("wrapped", () -> 3);
            Task<Integer> owner = createTask(wrapped);
            await(worker);
            await(sleep(0));
            for (int i = 0; i < 100 && reported.isEmpty(); i++) {
                System.gc();
                await(sleep(0.02));
            }
            await(kept);
            await(owner);
            System.gc();
            await(sleep(0.05));
        }));
        loop.close();
        assertEquals(List.of("coroutine 'forgotten' was never awaited in worker as RuntimeWarning"), reported);
    }

    @Test
    void aDroppedValueAHostSawIsReportedAtOnceWithItsFrame() {
        Loop loop = newEventLoop();
        List<Object> reported = new ArrayList<>();
        loop.setExceptionHandler((l, c) -> reported.add(c.message() + " at " + c.get("created_at")));
        StackTraceElement site = new StackTraceElement("Cell", "work", "cell [3]", 2);
        loop.runUntilComplete(async(() -> {
            jaio.internal.SharedSecrets.taskAccess().valueDropped(async("dropped", () -> 1), site);
            assertEquals(1, reported.size(), "reported at once, before any GC");
            Coroutine<Integer> awaitedOne = async("fine", () -> 1);
            jaio.internal.SharedSecrets.taskAccess().valueDropped(42, site);
            await(awaitedOne);
            jaio.internal.SharedSecrets.taskAccess().valueDropped(awaitedOne, site);
            return null;
        }));
        loop.close();
        assertEquals(List.of("coroutine 'dropped' was never awaited at " + site), reported);
    }

    @Test
    void aLongStepDoesNotKeepTheCoroutinesItAlreadyAwaited() {
        Loop loop = newEventLoop();
        boolean collected = loop.runUntilComplete(async(() -> {
            Coroutine<byte[]> first = async(() -> new byte[16]);
            await(first);
            var ref = new java.lang.ref.WeakReference<>(first);
            first = null;
            for (int i = 0; i < 5000; i++) {
                int k = i;
                await(async(() -> k)); // inline, no suspension: one long step
            }
            for (int i = 0; i < 50 && ref.get() != null; i++) {
                System.gc();
            }
            return ref.get() == null;
        }));
        loop.close();
        assertTrue(collected, "a coroutine awaited earlier in the step is still held by the never-awaited watch");
    }
}
