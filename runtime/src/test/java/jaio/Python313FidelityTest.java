package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import jaio.generators.Generator;
import jaio.generators.Generators;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Corners where jaio differed from CPython 3.13's asyncio (issue 10); each test states what
 * python3.13 gives for the same code.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class Python313FidelityTest {
    @Test
    void aCoroutineRaisingStopIterationEndsItsTaskWithRuntimeError_CPythonCoroutineRaisedStopIteration() {
        Loop loop = newEventLoop();
        Task<Integer> t = loop.createTask(async(() -> {
            await(sleep(0));
            if (true) {
                throw new StopIteration();
            }
            return 1;
        }));
        AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, () -> loop.runUntilComplete(t));
        assertEquals("coroutine raised StopIteration", e.getMessage());
        assertInstanceOf(StopIteration.class, e.getCause());
        assertTrue(t.done());
        assertTrue(loop.allTasks().isEmpty());
        loop.close();
    }

    @Test
    void nextOnAnExhaustedGeneratorInATask_CPythonCoroutineRaisedStopIteration() {
        AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, () -> run(async(() -> {
            Generator<Integer> g = Generators.generator(y -> {
                y.yield(1);
            });
            Generators.next(g);
            await(sleep(0));
            return Generators.next(g);
        })));
        assertEquals("coroutine raised StopIteration", e.getMessage());
    }

    @Test
    void aFutureStoresRuntimeErrorForStopIteration_CPythonRuntimeError() {
        run(async(() -> {
            Future<Object> f = getRunningLoop().createFuture();
            StopIteration stop = new StopIteration();
            f.setException(stop);
            Throwable stored = f.exception();
            assertInstanceOf(AsyncRuntimeError.class, stored);
            assertEquals("StopIteration interacts badly with generators and cannot be raised into a Future", stored.getMessage());
            assertSame(stop, stored.getCause());
            return null;
        }));
    }

    @Test
    void aTaskGroupWhoseChildFailsAfterTheBodyLeavesNoCancelRequest_CPython313Cancelling0() {
        String after = run(async(() -> {
            assertThrows(ExceptionGroup.class, () -> taskGroup(tg -> {
                tg.createTask(async(() -> {
                    await(sleep(0.01));
                    throw new ValueError("boom");
                }));
            }));
            assertEquals(0, currentTask().cancelling(), "cancelling() after the group");
            await(sleep(0.01));
            return "still running";
        }));
        assertEquals("still running", after);
    }

    @Test
    void currentTaskWithNoRunningLoopIsAnError_CPythonRuntimeErrorNoRunningEventLoop() {
        AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, Async::currentTask);
        assertEquals("no running event loop", e.getMessage());
    }

    @Test
    void waitOnAnEmptyListFailsWhenAwaitedNotWhenCalled_CPythonValueErrorAtAwait() {
        Coroutine<DoneAndPending<Object>> c = Async.wait(List.of());
        ValueError e = assertThrows(ValueError.class, () -> run(c));
        assertEquals("Set of Tasks/Futures is empty.", e.getMessage());
    }

    @Test
    void misuseOfQueuesAndSemaphoresIsAValueError_CPythonValueError() {
        run(async(() -> {
            ValueError q = assertThrows(ValueError.class, () -> new Queue<Integer>().taskDone());
            assertEquals("task_done() called too many times", q.getMessage());
            BoundedSemaphore s = new BoundedSemaphore(1);
            ValueError b = assertThrows(ValueError.class, s::release);
            assertEquals("BoundedSemaphore released too many times", b.getMessage());
            ValueError n = assertThrows(ValueError.class, () -> new Semaphore(-1));
            assertEquals("Semaphore initial value must be >= 0", n.getMessage());
            ValueError p = assertThrows(ValueError.class, () -> new Barrier(0));
            assertEquals("parties must be >= 1", p.getMessage());
            return null;
        }));
    }

    @Test
    void keyboardInterruptInATaskLeavesTheLoopAndTheMainTaskIsCancelled_CPythonKeyboardInterruptOutOfRun() {
        List<String> seen = new java.util.ArrayList<>();
        assertThrows(KeyboardInterrupt.class, () -> run(async(() -> {
            createTask(async(() -> {
                throw new KeyboardInterrupt();
            }));
            try {
                await(sleep(0.1));
            } catch (Throwable e) {
                seen.add(e.getClass().getSimpleName());
                throw e;
            }
            return "done";
        })));
        assertEquals(List.of("CancelledError"), seen);
    }

    @Test
    void systemExitInAnAwaitedTaskLeavesTheLoopAndTheAwaiterIsCancelled_CPythonSystemExit3() {
        List<String> seen = new java.util.ArrayList<>();
        SystemExit e = assertThrows(SystemExit.class, () -> run(async(() -> {
            Task<Void> bad = createTask(async(() -> {
                await(sleep(0));
                throw new SystemExit(3);
            }));
            try {
                await(bad);
            } catch (Throwable t) {
                seen.add(t.getClass().getSimpleName());
                throw t;
            }
            return null;
        })));
        assertEquals(3, e.code());
        assertEquals(List.of("CancelledError"), seen);
    }
}
