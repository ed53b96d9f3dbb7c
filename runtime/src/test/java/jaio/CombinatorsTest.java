package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Test;

/** gather, wait, wait_for, as_completed, shield, to_thread, run_in_executor (tasks.py, base_events.py). */
class CombinatorsTest {
    private static Coroutine<String> after(double seconds, String value, List<String> log) {
        return async(() -> {
            await(sleep(seconds));
            log.add(value);
            return value;
        });
    }

    private static Coroutine<String> failing(double seconds, RuntimeException e) {
        return async(() -> {
            await(sleep(seconds));
            throw e;
        });
    }

    @Test
    void gatherKeepsArgumentOrderNotCompletionOrder() {
        List<String> log = new ArrayList<>();
        List<String> r = run(async(() -> await(gather(after(0.03, "slow", log), after(0.01, "fast", log)))));
        assertEquals(List.of("slow", "fast"), r);
        assertEquals(List.of("fast", "slow"), log);
    }

    @Test
    void gatherOfNothingIsAnEmptyList() {
        assertEquals(List.of(), run(async(() -> await(gather(List.<Coroutine<String>>of())))));
    }

    @Test
    void gatherPropagatesTheFirstExceptionAndLeavesOthersRunning() {
        List<String> log = new ArrayList<>();
        run(async(() -> {
            Task<String> other = createTask(after(0.05, "other finished", log));
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> await(gather(failing(0.01, new IllegalStateException("first")), other)));
            assertEquals("first", e.getMessage());
            assertFalse(other.done(), "gather does not cancel the others on error");
            await(other);
        }));
        assertEquals(List.of("other finished"), log);
    }

    @Test
    void gatherWithReturnExceptionsPutsThemInPlace() {
        List<Object> r = run(async(() -> {
            Task<String> cancelled = createTask(sleep(10, "never"));
            Future<List<Object>> g = gather(true, sleep(0.01, "ok"), failing(0.01, new IllegalArgumentException("bad")), cancelled);
            await(sleep(0));
            cancelled.cancel();
            return await(g);
        }));
        assertEquals("ok", r.get(0));
        assertEquals("bad", ((IllegalArgumentException) r.get(1)).getMessage());
        assertInstanceOf(CancelledError.class, r.get(2));
    }

    @Test
    void cancellingAGatherCancelsItsChildren() {
        List<String> log = new ArrayList<>();
        run(async(() -> {
            Task<String> a = createTask(after(10, "a", log));
            Task<String> b = createTask(after(10, "b", log));
            Future<List<String>> g = gather(a, b);
            await(sleep(0));
            assertTrue(g.cancel());
            assertThrows(CancelledError.class, () -> await(g));
            assertTrue(a.cancelled());
            assertTrue(b.cancelled());
            assertTrue(g.cancelled() || g.done());
        }));
        assertEquals(List.of(), log);
    }

    @Test
    void cancellingGatherWithReturnExceptionsStillPropagatesCancellation() {
        run(async(() -> {
            Future<List<Object>> g = gather(true, sleep(10), sleep(10));
            await(sleep(0));
            g.cancel();
            assertThrows(CancelledError.class, () -> await(g));
        }));
    }

    @Test
    void cancellingTheTaskAwaitingGatherCancelsTheChildren() {
        List<String> log = new ArrayList<>();
        run(async(() -> {
            Task<List<String>> outer = createTask(async(() -> await(gather(after(10, "x", log), after(10, "y", log)))));
            await(sleep(0.01));
            outer.cancel();
            assertThrows(CancelledError.class, () -> await(outer));
            await(sleep(0.01));
            assertEquals(1, allTasks().size(), "children were cancelled too: " + allTasks());
        }));
    }

    @Test
    void waitAllCompletedReturnsDoneAndPending() {
        run(async(() -> {
            List<String> log = new ArrayList<>();
            DoneAndPending<String> r = await(Async.wait(List.of(after(0.01, "a", log), after(0.02, "b", log))));
            assertEquals(2, r.done().size());
            assertEquals(0, r.pending().size());
        }));
    }

    @Test
    void waitFirstCompletedAndTimeoutDoNotCancel() {
        run(async(() -> {
            List<String> log = new ArrayList<>();
            Task<String> fast = createTask(after(0.01, "fast", log));
            Task<String> slow = createTask(after(0.3, "slow", log));
            DoneAndPending<String> r = await(Async.wait(List.of(fast, slow), null, FIRST_COMPLETED));
            assertEquals(Set.of(fast), r.done());
            assertEquals(Set.of(slow), r.pending());
            DoneAndPending<String> t = await(Async.wait(List.of(slow), 0.01));
            assertEquals(Set.of(slow), t.pending());
            assertFalse(slow.cancelled(), "wait never cancels");
            slow.cancel();
        }));
    }

    @Test
    void waitFirstException() {
        run(async(() -> {
            List<String> log = new ArrayList<>();
            Task<String> bad = createTask(failing(0.01, new IllegalStateException("x")));
            Task<String> ok = createTask(after(0.005, "ok", log));
            Task<String> slow = createTask(after(0.5, "slow", log));
            DoneAndPending<String> r = await(Async.wait(List.of(bad, ok, slow), null, FIRST_EXCEPTION));
            assertEquals(Set.of(bad, ok), r.done());
            assertEquals(Set.of(slow), r.pending());
            bad.exception();
            slow.cancel();
        }));
    }

    @Test
    void waitOnNothingIsAnError() {
        // As CPython 3.13: the error comes when the coroutine is awaited, not when it is made.
        Coroutine<DoneAndPending<String>> c = Async.wait(List.<Future<String>>of());
        ValueError e = assertThrows(ValueError.class, () -> run(c));
        assertEquals("Set of Tasks/Futures is empty.", e.getMessage());
    }

    @Test
    void waitForReturnsOrTimesOutAndCancels() {
        run(async(() -> {
            assertEquals("v", await(waitFor(sleep(0.01, "v"), 1.0)));
            Task<String> t = createTask(sleep(10, "late"));
            assertThrows(TimeoutError.class, () -> await(waitFor(t, 0.02)));
            assertTrue(t.cancelled(), "wait_for cancels the awaitable on timeout");
            Task<String> t0 = createTask(sleep(10, "late"));
            assertThrows(TimeoutError.class, () -> await(waitFor(t0, 0.0)));
            assertTrue(t0.cancelled());
            assertEquals("none", await(waitFor(sleep(0.01, "none"), (Double) null)));
        }));
    }

    @Test
    void asCompletedYieldsInCompletionOrder() {
        List<String> r = run(async(() -> {
            List<String> log = new ArrayList<>();
            List<String> out = new ArrayList<>();
            for (Coroutine<String> c : asCompleted(List.of(after(0.03, "c", log), after(0.01, "a", log), after(0.02, "b", log)))) {
                out.add(await(c));
            }
            return out;
        }));
        assertEquals(List.of("a", "b", "c"), r);
    }

    @Test
    void asCompletedTimeoutRaisesForTheRest() {
        List<String> r = run(async(() -> {
            List<String> out = new ArrayList<>();
            for (Coroutine<String> c : asCompleted(List.of(sleep(0.01, "quick"), sleep(5, "slow")), 0.05)) {
                try {
                    out.add(await(c));
                } catch (TimeoutError e) {
                    out.add("timeout");
                }
            }
            return out;
        }));
        assertEquals(List.of("quick", "timeout"), r);
    }

    @Test
    void shieldProtectsTheInnerTaskFromTheAwaitersCancellation() {
        List<String> log = new ArrayList<>();
        run(async(() -> {
            Task<String> inner = createTask(after(0.05, "inner done", log));
            Task<String> waiter = createTask(async(() -> await(shield(inner))));
            await(sleep(0.01));
            waiter.cancel();
            assertThrows(CancelledError.class, () -> await(waiter));
            assertFalse(inner.cancelled());
            assertEquals("inner done", await(inner));
        }));
        assertEquals(List.of("inner done"), log);
    }

    @Test
    void shieldPassesResultAndInnerCancellation() {
        run(async(() -> {
            assertEquals("r", await(shield(sleep(0.01, "r"))));
            Task<String> inner = createTask(sleep(10, "x"));
            Future<String> outer = shield(inner);
            await(sleep(0));
            inner.cancel();
            assertThrows(CancelledError.class, () -> await(outer));
            assertTrue(outer.cancelled());
        }));
    }

    @Test
    void toThreadAndRunInExecutorDoNotBlockTheLoop() {
        long t0 = System.nanoTime();
        List<String> r = run(async(() -> {
            Loop loop = getRunningLoop();
            Future<String> a = loop.runInExecutor(null, () -> {
                Thread.sleep(300);
                return "a";
            });
            Coroutine<String> b = toThread(() -> {
                Thread.sleep(300);
                return "b";
            });
            ExecutorService own = Executors.newSingleThreadExecutor();
            try {
                Future<String> c = loop.runInExecutor(own, () -> {
                    Thread.sleep(300);
                    return "c";
                });
                return await(gather(a, b, c));
            } finally {
                own.shutdown();
            }
        }));
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(List.of("a", "b", "c"), r);
        assertTrue(s < 0.8, "three 0.3 s blocking calls in parallel took " + s);
    }

    @Test
    void toThreadPropagatesExceptions() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run(async(() -> await(toThread(() -> {
            throw new IllegalStateException("in thread");
        })))));
        assertEquals("in thread", e.getMessage());
    }

    @Test
    void defaultExecutorIsShutDownByRun() {
        ExecutorService[] ex = {null};
        run(async(() -> {
            ex[0] = getRunningLoop().defaultExecutor();
            await(toThread(() -> 1));
        }));
        assertTrue(ex[0].isShutdown());
    }

    @Test
    void twoConcurrentOneSecondSleepsTakeAboutOneSecond() {
        long t0 = System.nanoTime();
        run(async(() -> await(gather(sleep(1), sleep(1)))));
        double s = (System.nanoTime() - t0) / 1e9;
        assertTrue(s >= 0.99 && s < 1.5, "took " + s);
    }
}
