package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.PriorityQueue semantics: a heapq heap, so equal items come out in CPython's order. */
// Bounded: a lost wake-up shows as a hang, which must fail the test rather than the build.
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class PriorityQueueTest {
    /** Compares by key only, as a Python class with {@code __lt__} on the key. */
    record K(int k, String v) {
        @Override
        public String toString() {
            return k + v;
        }
    }

    @Test
    void smallestFirstAndEqualItemsInHeapqOrder() {
        List<String> out = new ArrayList<>();
        PriorityQueue<K> q = new PriorityQueue<>(Comparator.comparingInt(K::k));
        String[] vs = {"a", "b", "c", "d", "e", "f", "g", "h", "i"};
        int[] ks = {3, 1, 2, 1, 2, 1, 3, 1, 2};
        for (int i = 0; i < vs.length; i++) {
            q.putNowait(new K(ks[i], vs[i]));
        }
        out.add(q.toString());
        while (!q.empty()) {
            out.add(q.getNowait().toString());
        }
        // What CPython prints: heapq does not keep insertion order among equals (1f before 1d).
        assertEquals(List.of("<PriorityQueue maxsize=0 _queue=[1b, 1d, 1f, 1h, 2e, 2c, 3g, 3a, 2i] tasks=9>", "1b", "1f",
                "1d", "1h", "2c", "2i", "2e", "3a", "3g"), out);
    }

    @Test
    void naturalOrder() {
        List<Integer> got = run(async(() -> {
            PriorityQueue<Integer> q = new PriorityQueue<>();
            for (int x : new int[] {5, 1, 4, 2, 3}) {
                await(q.put(x));
            }
            List<Integer> items = new ArrayList<>();
            while (!q.empty()) {
                items.add(await(q.get()));
            }
            return items;
        }));
        assertEquals(List.of(1, 2, 3, 4, 5), got);
    }

    @Test
    void aWaitingGetterGetsTheSmallestItemPutBeforeItRuns() {
        int r = run(async(() -> {
            PriorityQueue<Integer> q = new PriorityQueue<>(0, Comparator.reverseOrder());
            Task<Integer> getter = createTask(q.get());
            await(sleep(0));
            q.putNowait(1);
            q.putNowait(7);
            q.putNowait(3);
            return await(getter);
        }));
        assertEquals(7, r);
    }

    @Test
    void incomparableItemsFailWhenCompared() {
        PriorityQueue<Object> q = new PriorityQueue<>();
        q.putNowait(new Object()); // like heapq: nothing compared yet
        assertThrows(ClassCastException.class, () -> q.putNowait(new Object()));
    }
}
