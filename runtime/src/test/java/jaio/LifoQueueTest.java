package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.LifoQueue semantics. */
// Bounded: a lost wake-up shows as a hang, which must fail the test rather than the build.
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class LifoQueueTest {
    @Test
    void lastInFirstOut() {
        List<String> out = new ArrayList<>();
        LifoQueue<Integer> q = new LifoQueue<>();
        for (int i = 0; i < 4; i++) {
            q.putNowait(i);
        }
        out.add(q.toString());
        while (!q.empty()) {
            out.add(String.valueOf(q.getNowait()));
        }
        assertEquals(List.of("<LifoQueue maxsize=0 _queue=[0, 1, 2, 3] tasks=4>", "3", "2", "1", "0"), out);
    }

    @Test
    void boundedAndAwaitable() {
        List<Integer> got = run(async(() -> {
            LifoQueue<Integer> q = new LifoQueue<>(2);
            Task<Void> producer = createTask(async(() -> {
                for (int i = 0; i < 4; i++) {
                    await(q.put(i));
                }
            }));
            await(sleep(0));
            assertTrue(q.full());
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                items.add(await(q.get()));
                await(sleep(0));
            }
            await(producer);
            return items;
        }));
        // 0,1 queued; get 1 → producer puts 2; get 2 → puts 3; get 3; get 0.
        assertEquals(List.of(1, 2, 3, 0), got);
    }

    @Test
    void acceptsNullItems() {
        LifoQueue<String> q = new LifoQueue<>();
        q.putNowait(null);
        assertEquals(1, q.qsize());
        assertNull(q.getNowait());
    }
}
