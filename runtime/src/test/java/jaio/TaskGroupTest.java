package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.TaskGroup (taskgroups.py, 3.12). */
class TaskGroupTest {
    @Test
    void waitsForAllChildren() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            taskGroup(tg -> {
                tg.createTask(async(() -> { await(sleep(0.02)); out.add("slow"); }));
                tg.createTask(async(() -> { await(sleep(0.01)); out.add("fast"); }));
                out.add("body done");
            });
            out.add("after group");
        }));
        assertEquals(List.of("body done", "fast", "slow", "after group"), out);
    }

    @Test
    void oneChildFailingCancelsTheOthersAndRaisesAGroup() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            ExceptionGroup g = assertThrows(ExceptionGroup.class, () -> taskGroup(tg -> {
                tg.createTask(async(() -> {
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        out.add("sibling cancelled");
                        throw e;
                    }
                }));
                tg.createTask(async(() -> {
                    await(sleep(0.01));
                    throw new IllegalStateException("child failed");
                }));
                try {
                    await(sleep(10));
                } catch (CancelledError e) {
                    out.add("body cancelled");
                    throw e;
                }
            }));
            assertEquals(1, g.exceptions().size());
            assertEquals("child failed", g.exceptions().get(0).getMessage());
            assertEquals(0, currentTask().cancelling(), "the group withdrew its cancellation of the parent");
            await(sleep(0));
            out.add("parent continues");
        }));
        assertEquals(List.of("sibling cancelled", "body cancelled", "parent continues"), out);
    }

    @Test
    void severalFailuresAreAllReported() {
        run(async(() -> {
            ExceptionGroup g = assertThrows(ExceptionGroup.class, () -> taskGroup(tg -> {
                tg.createTask(async(() -> { throw new IllegalStateException("a"); }));
                tg.createTask(async(() -> { throw new IllegalArgumentException("b"); }));
            }));
            assertEquals(2, g.exceptions().size());
            assertEquals(1, g.matching(IllegalArgumentException.class).size());
        }));
    }

    @Test
    void bodyExceptionJoinsTheGroupAndCancelsChildren() {
        run(async(() -> {
            Task<?>[] child = {null};
            ExceptionGroup g = assertThrows(ExceptionGroup.class, () -> taskGroup(tg -> {
                child[0] = tg.createTask(sleep(10));
                throw new UnsupportedOperationException("body");
            }));
            assertEquals("body", g.exceptions().get(0).getMessage());
            assertTrue(child[0].cancelled());
        }));
    }

    @Test
    void cancellingTheParentCancelsChildrenAndPropagates() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Task<Void> parent = createTask(async(() -> taskGroup(tg -> {
                tg.createTask(async(() -> {
                    try {
                        await(sleep(10));
                    } catch (CancelledError e) {
                        out.add("child cancelled");
                        throw e;
                    }
                }));
            })));
            await(sleep(0.01));
            parent.cancel();
            assertThrows(CancelledError.class, () -> await(parent));
        }));
        assertEquals(List.of("child cancelled"), out);
    }

    @Test
    void createTaskAfterTheGroupEndedFails() {
        run(async(() -> {
            TaskGroup[] saved = {null};
            taskGroup(tg -> saved[0] = tg);
            AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, () -> saved[0].createTask(sleep(0)));
            assertTrue(e.getMessage().endsWith("is finished"), e.getMessage());
        }));
    }
}
