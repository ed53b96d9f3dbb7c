package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import jaio.internal.Rethrow;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Script-style runs of a hosting loop from its own tasks (what a notebook cell does with seed code:
 * {@code getEventLoop().runUntilComplete(f)}, {@code runForever()}, {@code stop()}, {@code close()}).
 * Each test runs a "cell" as a task of a host loop that allows it, as the kernel does.
 */
@Timeout(value = 20, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ScriptRunsTest {
    /** Runs {@code cell} as a script task of a hosting loop; the host runs until the cell is done. */
    private static Loop host(AsyncRunnable cell) {
        Loop host = newEventLoop();
        host.allowNestedLoops(true);
        Future<Void> done = host.createFuture();
        host.callSoon(() -> {
            Task<Void> t = host.createTask(async(cell), "cell");
            host.markScriptTask(t);
            t.addDoneCallback(x -> {
                if (x.exception() != null) {
                    done.setException(x.exception());
                } else {
                    done.setResult(null);
                }
            });
        });
        // The host's own run ends only when the cell's task is done, never through the cell's stop().
        hostRunUntil(host, done);
        return host;
    }

    private static void hostRunUntil(Loop host, Future<Void> done) {
        Throwable[] failure = {null};
        done.addDoneCallback(f -> {
            failure[0] = f.exception();
            host.allowNestedLoops(false);
            host.stop();
        });
        host.runForever();
        if (failure[0] != null) {
            throw Rethrow.unchecked(failure[0]);
        }
    }

    @Test
    void runUntilCompleteFromACellWaitsForTheFutureWhileOtherTasksRun() {
        List<String> out = new ArrayList<>();
        int[] ticks = {0};
        Loop host = host(() -> {
            Task<Void> background = createTask(async(() -> {
                while (true) {
                    await(sleep(0));
                    ticks[0]++;
                }
            }));
            Loop loop = getEventLoop();
            assertSame(getRunningLoop(), loop, "the seed's get_event_loop() is the running loop");
            String r = loop.runUntilComplete(sleep(0.05, "done"));
            out.add("result " + r);
            assertTrue(ticks[0] > 0, "the other task ran during the wait");
            assertTrue(loop.isRunning());
            background.cancel();
        });
        assertEquals(List.of("result done"), out);
        host.close();
    }

    @Test
    void runForeverWaitsUntilStopAndTheHostKeepsRunning() {
        List<String> out = new ArrayList<>();
        Loop host = host(() -> {
            Loop loop = getEventLoop();
            double t0 = loop.time();
            loop.callSoon(() -> out.add("Callback executed"));
            loop.callLater(0.1, loop::stop);
            loop.runForever();
            out.add("stopped after " + (loop.time() - t0 >= 0.1));
            // Closing the loop the script ran does not close the host.
            loop.close();
            assertFalse(loop.isClosed());
            out.add("after close: " + await(sleep(0.01, "still running")));
        });
        assertEquals(List.of("Callback executed", "stopped after true", "after close: still running"), out);
        host.close();
    }

    @Test
    void stopBeforeRunForeverRunsOneIterationAndStopBeforeTheFutureIsDoneFails() {
        List<String> out = new ArrayList<>();
        Loop host = host(() -> {
            Loop loop = getEventLoop();
            loop.callSoon(() -> out.add("ready callback"));
            loop.stop();
            loop.runForever();
            out.add("run_forever returned");
            loop.callSoon(loop::stop);
            AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, () -> loop.runUntilComplete(sleep(5)));
            out.add(e.getMessage());
        });
        assertEquals(List.of("ready callback", "run_forever returned", "Event loop stopped before Future completed."), out);
        host.close();
    }

    @Test
    void s4_11_ctrlCRaisesOutOfRunUntilCompleteAndTheCellCancelsFourTasks() {
        List<String> out = new ArrayList<>();
        Loop host = host(() -> {
            List<Coroutine<Void>> tasks = new ArrayList<>();
            for (double time : new double[] {0.2, 0.3, 0.3}) {
                tasks.add(async(() -> {
                    out.add("start get html");
                    try {
                        await(sleep(time));
                        out.add("end get html");
                    } catch (CancelledError e) {
                        out.add("cancelled");
                        throw e;
                    }
                }));
            }
            Loop loop = getEventLoop();
            // Ctrl-C in a script: a KeyboardInterrupt out of the loop's callback.
            loop.callLater(0.1, () -> {
                throw new KeyboardInterrupt();
            });
            try {
                loop.runUntilComplete(Async.wait(tasks));
                out.add("not interrupted");
            } catch (KeyboardInterrupt e) {
                for (Task<?> task : allTasks(loop)) {
                    out.add("task cancel");
                    task.cancel();
                }
                loop.stop();
                loop.runForever();
            } finally {
                loop.close();
            }
        });
        assertEquals(List.of("start get html", "start get html", "start get html",
                "task cancel", "task cancel", "task cancel", "task cancel",
                "cancelled", "cancelled", "cancelled"), out);
        assertTrue(host.allTasks().isEmpty(), "every task of the script ended: " + host.allTasks());
        host.close();
    }

    @Test
    void aKernelInterruptEndsOnlyTheRunOfThatTask() {
        List<String> out = new ArrayList<>();
        Loop host = host(() -> {
            Loop loop = getEventLoop();
            Task<?> me = currentTask();
            Task<Void> other = createTask(async(() -> {
                await(sleep(0.05));
                out.add("interrupt delivered: " + loop.interruptScriptRun(me));
            }));
            try {
                loop.runForever();
            } catch (KeyboardInterrupt e) {
                out.add("KeyboardInterrupt");
            }
            out.add("nothing to interrupt: " + !loop.interruptScriptRun(me));
            await(other);
        });
        assertEquals(List.of("interrupt delivered: true", "KeyboardInterrupt", "nothing to interrupt: true"), out);
        host.close();
    }

    @Test
    void withoutTheHostsPermissionAsyncioErrorsStay() {
        Loop loop = newEventLoop();
        String message = loop.runUntilComplete(async(() ->
                assertThrows(AsyncRuntimeError.class, () -> loop.runUntilComplete(sleep(0))).getMessage()));
        assertEquals("This event loop is already running", message);
        loop.close();
    }
}
