package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreSmokeTest {
    @Test
    void interleavingMatchesAsyncio() {
        List<String> out = new ArrayList<>();
        Coroutine<Void> main = async(() -> {
            Coroutine<Void> a = async(() -> { out.add("1"); await(sleep(0)); out.add("2"); });
            Coroutine<Void> b = async(() -> { out.add("3"); await(sleep(0)); out.add("4"); });
            await(gather(a, b));
        });
        run(main);
        assertEquals(List.of("1", "3", "2", "4"), out);
    }

    @Test
    void concurrentSleepsOverlap() {
        long t0 = System.nanoTime();
        List<Object> r = run(async(() -> await(gather(sleep(0.5, "a"), sleep(0.5, "b")))));
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(List.of("a", "b"), r);
        assertTrue(s < 0.9, "took " + s);
    }

    @Test
    void cancelRaisesAtAwaitPoint() {
        String r = run(async(() -> {
            Task<Void> t = createTask(async(() -> { await(sleep(10)); }));
            await(sleep(0.01));
            t.cancel("stop");
            try {
                await(t);
                return "not cancelled";
            } catch (CancelledError e) {
                return "cancelled:" + e.getMessage() + ":" + t.cancelled();
            }
        }));
        assertEquals("cancelled:stop:true", r);
    }

    @Test
    void threadSleepBlocksTheLoop() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Task<Void> t = createTask(async(() -> { out.add("other"); }));
            Thread.sleep(100);
            out.add("after-blocking");
            await(t);
        }));
        assertEquals(List.of("after-blocking", "other"), out);
    }
}
