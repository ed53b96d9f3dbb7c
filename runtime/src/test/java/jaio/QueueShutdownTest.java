package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.Queue.shutdown (new in 3.13); the expected values are python3.13's for the same program. */
class QueueShutdownTest {
    @Test
    void afterShutdownPutsFailAndGetsDrainThenFail_CPython313() {
        List<Object> out = run(async(() -> {
            List<Object> o = new ArrayList<>();
            Queue<Integer> q = new Queue<>();
            q.putNowait(1);
            q.putNowait(2);
            q.shutdown();
            assertThrows(QueueShutDown.class, () -> q.putNowait(3));
            o.add("put refused");
            o.add(await(q.get()));
            o.add(await(q.get()));
            assertThrows(QueueShutDown.class, () -> await(q.get()));
            o.add("get refused when empty");
            o.add(q.toString());
            return o;
        }));
        assertEquals(List.of("put refused", 1, 2, "get refused when empty", "<Queue maxsize=0 tasks=2 shutdown>"), out);
    }

    @Test
    void shutdownWakesBlockedGettersAndPutters_CPythonQueueShutDown() {
        run(async(() -> {
            Queue<String> empty = new Queue<>();
            Task<String> getter = createTask(empty.get());
            Queue<String> full = new Queue<>(1);
            full.putNowait("x");
            Task<Void> putter = createTask(full.put("y"));
            await(sleep(0));
            empty.shutdown();
            full.shutdown();
            assertThrows(QueueShutDown.class, () -> await(getter));
            assertThrows(QueueShutDown.class, () -> await(putter));
            return null;
        }));
    }

    @Test
    void anImmediateShutdownDropsTheItemsAndReleasesJoin_CPythonJoinReturned0() {
        run(async(() -> {
            Queue<Integer> q = new Queue<>();
            q.putNowait(1);
            q.putNowait(2);
            Task<Void> join = createTask(q.join());
            await(sleep(0));
            q.shutdown(true);
            await(join);
            assertEquals(0, q.qsize());
            assertThrows(QueueShutDown.class, q::getNowait);
            return null;
        }));
    }
}
