package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** asyncio.Task's contract (tasks.py): steps, names, cancellation, stacks. */
class TaskTest {
    @Test
    void coroutineIsLazyAndRunsInlineWhenAwaited() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Coroutine<String> c = async(() -> {
                out.add("body runs in " + (currentTask() != null ? "a task" : "no task"));
                return "v";
            });
            out.add("created");
            Task<?> me = currentTask();
            Task<?>[] inside = {null};
            String v = await(async(() -> {
                inside[0] = currentTask();
                return await(c);
            }));
            out.add(v);
            out.add(inside[0] == me ? "same task" : "other task");
        }));
        assertEquals(List.of("created", "body runs in a task", "v", "same task"), out);
    }

    @Test
    void aCoroutineCanBeAwaitedOnlyOnce() {
        String msg = run(async(() -> {
            Coroutine<Integer> c = async(() -> 1);
            await(c);
            return assertThrows(AsyncRuntimeError.class, () -> await(c)).getMessage();
        }));
        assertEquals("cannot reuse already awaited coroutine", msg);
    }

    @Test
    void sleepZeroYieldsExactlyOnce() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Loop loop = getRunningLoop();
            loop.callSoon(() -> {
                out.add("cb1");
                loop.callSoon(() -> out.add("cb2"));
            });
            await(sleep(0));
            out.add("task resumed");
        }));
        // One iteration: cb1 runs, then the task; cb2 was scheduled after the task's step.
        assertEquals(List.of("cb1", "task resumed"), out.subList(0, 2));
    }

    @RepeatedTest(3)
    void tasksStartInCreationOrderAndInterleaveAtAwaits() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int id = i;
                ts.add(createTask(async(() -> {
                    out.add("start " + id);
                    await(sleep(0));
                    out.add("end " + id);
                })));
            }
            out.add("main before await");
            await(gather(ts));
        }));
        assertEquals(List.of("main before await", "start 0", "start 1", "start 2", "end 0", "end 1", "end 2"), out);
    }

    @Test
    void namesDefaultAndExplicit() {
        run(async(() -> {
            Task<Void> a = createTask(sleep(0));
            Task<Void> b = createTask(sleep(0), "worker");
            assertTrue(a.getName().startsWith("Task-"), a.getName());
            assertEquals("worker", b.getName());
            b.setName("renamed");
            assertEquals("renamed", b.getName());
            assertEquals("sleep", a.getCoro().getName());
            await(gather(a, b));
        }));
    }

    @Test
    void resultAndExceptionOfFinishedTasks() {
        run(async(() -> {
            Task<Integer> ok = createTask(async(() -> 5));
            Task<Integer> bad = createTask(async(() -> {
                throw new ArithmeticException("div");
            }));
            assertEquals(5, await(ok));
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> await(bad));
            assertEquals("div", e.getMessage());
            assertSame(e, bad.exception());
            assertThrows(AsyncRuntimeError.class, () -> ok.setResult(1));
        }));
    }

    @Test
    void cancelBeforeFirstStepNeverRunsTheBody() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Task<Void> t = createTask(async(() -> {
                out.add("body ran");
            }));
            assertTrue(t.cancel());
            assertThrows(CancelledError.class, () -> await(t));
            assertTrue(t.cancelled());
        }));
        assertEquals(List.of(), out);
    }

    @Test
    void cancelledTaskCanCatchAndContinue() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Task<String> t = createTask(async(() -> {
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    out.add("caught " + e.getMessage() + ", cancelling=" + currentTask().cancelling());
                    currentTask().uncancel();
                }
                await(sleep(0));
                return "finished anyway";
            }));
            await(sleep(0));
            t.cancel("msg");
            assertEquals("finished anyway", await(t));
            assertFalse(t.cancelled());
        }));
        assertEquals(List.of("caught msg, cancelling=1"), out);
    }

    @Test
    void catchExceptionDoesNotSwallowCancellation() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Task<Void> t = createTask(async(() -> {
                try {
                    await(sleep(10));
                } catch (Exception e) {
                    out.add("swallowed");
                }
            }));
            await(sleep(0));
            t.cancel();
            assertThrows(CancelledError.class, () -> await(t));
        }));
        assertEquals(List.of(), out);
    }

    @Test
    void cancelDoneTaskReturnsFalse() {
        run(async(() -> {
            Task<Integer> t = createTask(async(() -> 1));
            await(t);
            assertFalse(t.cancel());
            assertEquals(0, t.cancelling());
        }));
    }

    @Test
    void cancellingAndUncancelCount() {
        run(async(() -> {
            Task<Void> t = createTask(sleep(10));
            await(sleep(0));
            t.cancel();
            t.cancel();
            assertEquals(2, t.cancelling());
            assertEquals(1, t.uncancel());
            assertThrows(CancelledError.class, () -> await(t));
        }));
    }

    @Test
    void currentTaskAndAllTasks() {
        run(async(() -> {
            Task<?> me = currentTask();
            assertNotNull(me);
            Task<Void> other = createTask(sleep(0.05));
            assertTrue(allTasks().contains(me));
            assertTrue(allTasks().contains(other));
            await(other);
            assertFalse(allTasks().contains(other), "done tasks are not listed");
            Loop loop = getRunningLoop();
            Task<?>[] inCallback = {me};
            loop.callSoon(() -> inCallback[0] = currentTask());
            await(sleep(0));
            assertNull(inCallback[0], "no current task inside a plain callback");
        }));
        // CPython 3.13: asyncio.current_task() with no running loop is RuntimeError: no running event loop.
        assertThrows(AsyncRuntimeError.class, Async::currentTask);
        assertNull(Task.current(), "Task.current() stays the null-returning query");
    }

    private static void suspendHere() {
        await(sleep(10));
    }

    @Test
    void getStackShowsWhereTheTaskIsSuspended() {
        run(async(() -> {
            Task<Void> t = createTask(async(TaskTest::suspendHere));
            await(sleep(0));
            List<StackTraceElement> stack = t.getStack();
            assertFalse(stack.isEmpty());
            assertEquals("suspendHere", stack.get(0).getMethodName(), stack.toString());
            for (StackTraceElement e : stack) {
                assertFalse(e.getClassName().startsWith("java."), "trimmed: " + e);
                assertFalse(e.getClassName().equals("jaio.Task"), "trimmed: " + e);
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            t.printStack(new PrintStream(buf, true));
            assertTrue(buf.toString().contains("suspendHere"), buf.toString());
            assertTrue(t.toString().contains("running at TaskTest.java:"), t.toString());
            t.cancel();
            assertThrows(CancelledError.class, () -> await(t));
            assertTrue(t.getStack().isEmpty(), "a done task has no stack");
        }));
    }

    @Test
    void taskCannotAwaitItself() {
        run(async(() -> {
            Task<?>[] self = {null};
            Task<Object> t = createTask(async(() -> (Object) await(self[0])));
            self[0] = t;
            AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, () -> await(t));
            assertTrue(e.getMessage().startsWith("Task cannot await on itself"), e.getMessage());
        }));
    }

    @Test
    void contextVarsAreCopiedIntoNewTasks() {
        ContextVar<String> cell = new ContextVar<>("cell", "none");
        List<String> out = new ArrayList<>();
        run(async(() -> {
            cell.set("cell-1");
            Task<Void> child = createTask(async(() -> {
                out.add("child sees " + cell.get());
                cell.set("changed-in-child");
            }));
            await(child);
            out.add("parent still " + cell.get());
        }));
        assertEquals(List.of("child sees cell-1", "parent still cell-1"), out);
    }
}
