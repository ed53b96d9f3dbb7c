package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * loop.set_task_factory / get_task_factory and asyncio.eager_task_factory; the expected lines are
 * python3.13's output for the same program.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class TaskFactoryTest {
    @Test
    void eagerTasksRunUpToTheirFirstSuspensionInsideCreateTask_CPython313() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Loop loop = getRunningLoop();
            out.add("factory " + loop.getTaskFactory());
            loop.setTaskFactory(eagerTaskFactory);
            out.add("same " + (loop.getTaskFactory() == eagerTaskFactory));
            Task<Integer> t = createTask(async(() -> {
                out.add("child start");
                await(sleep(0));
                out.add("child end");
                return 1;
            }));
            out.add("after create " + t.done());
            out.add(String.valueOf(await(t)));
            Task<Integer> q = createTask(async(() -> {
                out.add("quick body");
                return 2;
            }), "q");
            out.add("quick done at once " + q.done() + " " + q.result() + " " + q.getName());
            out.add(String.valueOf(allTasks().contains(q)));
            loop.setTaskFactory(null);
            Task<Integer> lazy = createTask(async(() -> {
                out.add("quick body");
                return 2;
            }));
            out.add("lazy " + lazy.done());
            await(lazy);
            loop.setTaskFactory((l, coro, name, ctx) -> new Task<>(coro, l, name, ctx, false));
            Task<Integer> custom = createTask(async(() -> 3), "custom");
            out.add(custom.getName());
            await(custom);
            return null;
        }));
        assertEquals(List.of("factory null", "same true", "child start", "after create false", "child end", "1",
                "quick body", "quick done at once true 2 q", "false", "lazy false", "quick body", "custom"), out);
    }

    @Test
    void anEagerTaskCreatedFromACallbackRunsAtOnceToo_CPythonChildFirst() {
        List<String> out = new ArrayList<>();
        Loop loop = newEventLoop();
        loop.setTaskFactory(eagerTaskFactory);
        loop.callSoon(() -> {
            Task<Void> t = loop.createTask(async(() -> {
                out.add("child");
                await(sleep(0.01));
                out.add("child again");
            }));
            out.add("callback after create, done " + t.done());
            t.addDoneCallback(f -> loop.stop());
        });
        loop.runForever();
        loop.close();
        assertEquals(List.of("child", "callback after create, done false", "child again"), out);
    }

    @Test
    void anEagerTaskThatFailsOrBlocksInItsFirstStep_CPythonDoneWithTheException() {
        run(async(() -> {
            getRunningLoop().setTaskFactory(eagerTaskFactory);
            Task<Void> failing = createTask(async(() -> {
                throw new ValueError("first step");
            }));
            assertTrue(failing.done());
            assertEquals("first step", failing.exception().getMessage());
            long t0 = System.nanoTime();
            Task<String> blocking = createTask(async(() -> {
                Thread.sleep(50);
                return "slept";
            }));
            assertTrue(blocking.done(), "a blocking first step keeps the creator waiting, as it blocks asyncio");
            assertTrue(System.nanoTime() - t0 >= 40_000_000L);
            assertEquals("slept", blocking.result());
            Task<Void> waiting = createTask(sleep(10));
            assertFalse(waiting.done());
            waiting.cancel();
            assertThrows(CancelledError.class, () -> await(waiting));
            return null;
        }));
    }

    @Test
    void eagerChildrenOfATaskGroupAndGather_CPythonSameResults() {
        List<Integer> r = run(async(() -> {
            getRunningLoop().setTaskFactory(eagerTaskFactory);
            List<Task<Integer>> kids = new ArrayList<>();
            taskGroup(tg -> {
                kids.add(tg.createTask(async(() -> 1)));
                kids.add(tg.createTask(async(() -> {
                    await(sleep(0.01));
                    return 2;
                })));
            });
            List<Integer> out = new ArrayList<>();
            for (Task<Integer> k : kids) {
                out.add(k.result());
            }
            out.addAll(await(gather(async(() -> 3), sleep(0.01, 4))));
            return out;
        }));
        assertEquals(List.of(1, 2, 3, 4), r);
    }
}
