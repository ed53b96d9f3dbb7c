package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The loop's bookkeeping of tasks: default names and the pending list behind allTasks(). */
class TaskBookkeepingTest {
    private static long number(Task<?> t) {
        String n = t.getName();
        assertTrue(n.startsWith("Task-"), n);
        return Long.parseLong(n.substring("Task-".length()));
    }

    @Test
    void defaultNamesAreNumberedAtCreationAndNamedTasksDrawNoNumber() {
        run(async(() -> {
            Task<Void> a = createTask(sleep(0));
            Task<Void> named = createTask(sleep(0), "mine");
            Task<Void> b = createTask(sleep(0));
            Task<Void> c = createTask(sleep(0));
            // Ask c before b: numbers were drawn when the tasks were created, not when asked.
            long nc = number(c);
            long nb = number(b);
            assertEquals(number(a) + 1, nb, "a named task draws no number, as in asyncio");
            assertEquals(nb + 1, nc);
            assertEquals("mine", named.getName());
            b.setName("renamed");
            assertEquals("renamed", b.getName());
            await(gather(a, named, b, c));
        }));
    }

    @Test
    void allTasksListsPendingTasksInCreationOrderAsTheyFinishInAnyOrder() {
        run(async(() -> {
            Task<?> main = currentTask();
            Task<Void> first = createTask(sleep(0.05));
            Task<Void> middle = createTask(sleep(0.01));
            Task<Void> last = createTask(sleep(0.03));
            assertEquals(List.of(main, first, middle, last), List.copyOf(allTasks()));
            await(middle);
            assertEquals(List.of(main, first, last), List.copyOf(allTasks()));
            await(last);
            assertEquals(List.of(main, first), List.copyOf(allTasks()));
            Task<Void> later = createTask(sleep(0));
            assertEquals(List.of(main, first, later), List.copyOf(allTasks()));
            await(first);
            await(later);
            assertEquals(List.of(main), List.copyOf(allTasks()));
        }));
    }
}
