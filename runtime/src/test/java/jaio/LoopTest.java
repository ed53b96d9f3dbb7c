package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/** The loop itself: running, stopping, closing, callbacks and timers (asyncio's events.py / base_events.py). */
class LoopTest {
    @Test
    void callSoonRunsCallbacksFirstInFirstOutWithArguments() {
        Loop loop = newEventLoop();
        List<String> out = new ArrayList<>();
        loop.callSoon(out::add, "a");
        Handle cancelled = loop.callSoon(() -> out.add("never"));
        loop.callSoon(() -> out.add("b"));
        loop.callSoon(partial((String x, String y) -> out.add(x + y), "c"), "d");
        cancelled.cancel();
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("a", "b", "cd"), out);
        assertTrue(cancelled.cancelled());
        loop.close();
    }

    @Test
    void callbackScheduledByCallbackRunsInTheNextIteration() {
        Loop loop = newEventLoop();
        List<String> out = new ArrayList<>();
        loop.callSoon(() -> {
            out.add("first");
            loop.callSoon(() -> out.add("scheduled-by-first"));
        });
        loop.callSoon(() -> out.add("second"));
        loop.callSoon(loop::stop);
        loop.runForever();
        // stop() takes effect after the iteration it was called in: the callback added during the
        // iteration has not run yet, exactly as asyncio (it runs on the next run).
        assertEquals(List.of("first", "second"), out);
        loop.callSoon(loop::stop);
        loop.runForever();
        assertEquals(List.of("first", "second", "scheduled-by-first"), out);
        loop.close();
    }

    @Test
    void timersFireByDeadlineThenFifo() {
        Loop loop = newEventLoop();
        List<String> out = new ArrayList<>();
        double now = loop.time();
        loop.callAt(now + 0.06, () -> out.add("t60"));
        TimerHandle h = loop.callLater(0.02, () -> out.add("t20"));
        loop.callAt(now + 0.04, () -> out.add("t40-a"));
        loop.callAt(now + 0.04, () -> out.add("t40-b"));
        TimerHandle cancelled = loop.callLater(0.01, () -> out.add("never"));
        cancelled.cancel();
        loop.callLater(0.08, loop::stop);
        assertTrue(h.when() >= now + 0.02 && h.when() < now + 0.1, "when() is absolute loop time");
        double t0 = loop.time();
        loop.runForever();
        assertTrue(loop.time() - t0 >= 0.08);
        assertEquals(List.of("t20", "t40-a", "t40-b", "t60"), out);
        loop.close();
    }

    @Test
    void timeIsMonotonicSeconds() throws Exception {
        Loop loop = newEventLoop();
        double a = loop.time();
        Thread.sleep(20);
        double b = loop.time();
        assertTrue(b - a >= 0.019 && b - a < 1, "delta " + (b - a));
        loop.close();
    }

    @Test
    void runUntilCompleteReturnsTheResultAndStateIsReported() {
        Loop loop = newEventLoop();
        assertFalse(loop.isRunning());
        boolean[] runningInside = {false};
        int r = loop.runUntilComplete(async(() -> {
            runningInside[0] = getRunningLoop().isRunning() && getRunningLoop() == loop;
            return 42;
        }));
        assertEquals(42, r);
        assertTrue(runningInside[0]);
        assertFalse(loop.isRunning());
        assertFalse(loop.isClosed());
        loop.close();
        assertTrue(loop.isClosed());
        AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, () -> loop.callSoon(() -> {}));
        assertEquals("Event loop is closed", e.getMessage());
    }

    @Test
    void runUntilCompleteFailsWhenStoppedEarly() {
        Loop loop = newEventLoop();
        Future<Object> never = loop.createFuture();
        loop.callSoon(loop::stop);
        AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, () -> loop.runUntilComplete(never));
        assertEquals("Event loop stopped before Future completed.", e.getMessage());
        loop.close();
    }

    @Test
    void nestedRunsFailWithAsyncioMessages() {
        Loop loop = newEventLoop();
        String[] messages = new String[3];
        loop.runUntilComplete(async(() -> {
            messages[0] = assertThrows(AsyncRuntimeError.class, () -> run(sleep(0))).getMessage();
            messages[1] = assertThrows(AsyncRuntimeError.class, () -> loop.runForever()).getMessage();
            messages[2] = assertThrows(AsyncRuntimeError.class, () -> loop.close()).getMessage();
        }));
        assertEquals("asyncio.run() cannot be called from a running event loop", messages[0]);
        assertEquals("This event loop is already running", messages[1]);
        assertEquals("Cannot close a running event loop", messages[2]);
        loop.close();
    }

    @Test
    void aHostLoopCanAllowScriptStyleNestedRuns() {
        Loop host = newEventLoop();
        host.allowNestedLoops(true);
        List<String> out = new ArrayList<>();
        host.runUntilComplete(async(() -> {
            out.add("run: " + run(async(() -> {
                await(sleep(0.01));
                return getRunningLoop() != host;
            })));
            Loop own = newEventLoop();
            out.add("runUntilComplete: " + own.runUntilComplete(sleep(0.01, "done")));
            own.callLater(0.01, own::stop);
            own.runForever();
            out.add("runForever stopped");
            own.close();
        }));
        host.close();
        assertEquals(List.of("run: true", "runUntilComplete: done", "runForever stopped"), out);
    }

    @Test
    void interruptingAThreadBlockedInANestedLoopStopsItWithKeyboardInterrupt() throws Exception {
        Loop host = newEventLoop();
        host.allowNestedLoops(true);
        Throwable[] caught = {null};
        host.runUntilComplete(async(() -> {
            Thread me = Thread.currentThread();
            Thread.ofPlatform().start(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
                me.interrupt();
            });
            Loop nested = newEventLoop();
            try {
                nested.runForever();
            } catch (KeyboardInterrupt e) {
                caught[0] = e;
            }
            assertFalse(nested.isRunning());
            nested.close();
        }));
        host.close();
        assertInstanceOf(KeyboardInterrupt.class, caught[0]);
    }

    @Test
    void getRunningLoopFailsOutsideALoop() {
        AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, Loop::getRunningLoop);
        assertEquals("no running event loop", e.getMessage());
        Loop inside = run(async(Loop::getRunningLoop));
        assertTrue(inside.isClosed(), "run() closes its loop");
    }

    @Test
    void awaitOutsideATaskSaysToUseRun() {
        AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, () -> await(sleep(0)));
        assertTrue(e.getMessage().contains("Async.run"), e.getMessage());
        Loop loop = newEventLoop();
        String[] fromCallback = new String[1];
        loop.callSoon(() -> {
            fromCallback[0] = assertThrows(AsyncRuntimeError.class, () -> await(sleep(0))).getMessage();
            loop.stop();
        });
        loop.runForever();
        assertTrue(fromCallback[0].contains("from a callback"), fromCallback[0]);
        loop.close();
    }

    @Test
    void callSoonThreadsafeFromEightPlatformThreadsAtOnce() throws Exception {
        Loop loop = newEventLoop();
        int threads = 8;
        int perThread = 5_000;
        List<Integer> seen = Collections.synchronizedList(new ArrayList<>());
        int[] onLoopThread = {0};
        Thread[] loopThread = {null};
        CyclicBarrier start = new CyclicBarrier(threads);
        CountDownLatch sent = new CountDownLatch(threads);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            ts.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
                for (int i = 0; i < perThread; i++) {
                    int v = id * perThread + i;
                    loop.callSoonThreadsafe(() -> {
                        if (Thread.currentThread() == loopThread[0]) {
                            onLoopThread[0]++;
                        }
                        seen.add(v);
                    });
                }
                sent.countDown();
            }));
        }
        Thread waiter = Thread.ofPlatform().start(() -> {
            try {
                sent.await();
            } catch (InterruptedException e) {
                return;
            }
            loop.callSoonThreadsafe(loop::stop);
        });
        loop.callSoon(() -> loopThread[0] = Thread.currentThread());
        loop.runForever();
        for (Thread t : ts) {
            t.join();
        }
        waiter.join();
        assertEquals(threads * perThread, seen.size());
        assertEquals(threads * perThread, onLoopThread[0], "every callback ran on the loop's thread");
        // Per producer, callbacks run in the order they were sent.
        int[] last = new int[threads];
        java.util.Arrays.fill(last, -1);
        for (int v : seen) {
            int id = v / perThread;
            assertTrue(v > last[id], "order per thread");
            last[id] = v;
        }
        loop.close();
    }

    @Test
    void callSoonThreadsafeWakesAnIdleLoopPromptly() throws Exception {
        Loop loop = newEventLoop();
        long[] latencyNanos = {0};
        Thread other = Thread.ofPlatform().start(() -> {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                return;
            }
            long t0 = System.nanoTime();
            loop.callSoonThreadsafe(() -> {
                latencyNanos[0] = System.nanoTime() - t0;
                loop.stop();
            });
        });
        loop.runForever();
        other.join();
        assertTrue(latencyNanos[0] < 50_000_000L, "woken within 50 ms, took " + latencyNanos[0] / 1e6 + " ms");
        loop.close();
    }

    @Test
    void runnerRunsSeveralCoroutinesOnOneLoop() {
        Loop[] loops = new Loop[2];
        try (Runner runner = new Runner()) {
            assertEquals(1, (int) runner.run(async(() -> {
                loops[0] = getRunningLoop();
                return 1;
            })));
            assertEquals(2, (int) runner.run(async(() -> {
                loops[1] = getRunningLoop();
                return 2;
            })));
            assertSame(loops[0], loops[1]);
            assertSame(loops[0], runner.getLoop());
        }
        assertTrue(loops[0].isClosed());
    }

    @Test
    void runCancelsLeftoverTasksAtTheEnd() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            createTask(async(() -> {
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    out.add("leftover cancelled");
                    throw e;
                }
            }));
            await(sleep(0));
        }));
        assertEquals(List.of("leftover cancelled"), out);
    }

    @Test
    void runWithDebugTurnsDebugOn() {
        assertTrue(run(async(() -> getRunningLoop().getDebug()), true));
        assertFalse(run(async(() -> getRunningLoop().getDebug())));
    }

    @Test
    void runFromAVirtualThreadUsesAPlatformCarrier() throws Exception {
        int[] r = {0};
        Thread vt = Thread.ofVirtual().start(() -> r[0] = run(async(() -> {
            await(sleep(0.01));
            return 7;
        })));
        vt.join(5000);
        assertEquals(7, r[0]);
    }

    @Test
    void getEventLoopCreatesOneAndKeepsIt() {
        Loop a = getEventLoop();
        Loop b = getEventLoop();
        assertSame(a, b);
        a.close();
        Loop c = getEventLoop();
        assertNotSame(a, c, "a closed loop is replaced");
        c.close();
    }
}
