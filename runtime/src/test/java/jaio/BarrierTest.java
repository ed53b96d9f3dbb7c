package jaio;

import static jaio.Async.*;
import static jaio.TestReprs.rep;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.Barrier semantics; expected outputs are what CPython 3.12 prints for the same program. */
// Bounded: a lost wake-up shows as a hang, which must fail the test rather than the build.
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class BarrierTest {
    @Test
    void threePartiesAcrossTasksGetTheirArrivalIndexes() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Barrier b = new Barrier(3);
            List<Coroutine<Void>> cs = new ArrayList<>();
            for (String n : List.of("a", "b", "c")) {
                cs.add(async(() -> {
                    int i = await(b.wait_());
                    out.add(n + " " + i);
                }));
            }
            await(gather(cs));
            out.add(rep(b));
        }));
        // The last to arrive goes on without suspending, so it prints first.
        assertEquals(List.of("c 2", "a 0", "b 1", "<jaio.Barrier object [filling, waiters:0/3]>"), out);
    }

    @Test
    void theDocumentationExample() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Barrier b = new Barrier(3);
            createTask(b.wait_());
            createTask(b.wait_());
            await(sleep(0));
            out.add(rep(b));
            await(b.wait_());
            out.add(rep(b));
            out.add("barrier passed");
            await(sleep(0));
            out.add(rep(b));
        }));
        assertEquals(List.of("<jaio.Barrier object [filling, waiters:2/3]>", "<jaio.Barrier object [draining, waiters:0/3]>",
                "barrier passed", "<jaio.Barrier object [filling, waiters:0/3]>"), out);
    }

    @Test
    void abortBreaksItForWaitersAndLaterTasks() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Barrier b = new Barrier(3);
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                int n = i;
                ts.add(createTask(async(() -> {
                    try {
                        await(b.wait_());
                    } catch (BrokenBarrierError e) {
                        out.add(n + " " + e.getClass().getSimpleName() + ": " + e.getMessage());
                    }
                })));
            }
            await(sleep(0));
            out.add("nWaiting=" + b.nWaiting());
            await(b.abort());
            await(gather(ts));
            out.add(rep(b));
            out.add(String.valueOf(b.broken()));
            try {
                await(b.wait_());
            } catch (BrokenBarrierError e) {
                out.add("late " + e.getMessage());
            }
        }));
        assertEquals(List.of("nWaiting=2", "0 BrokenBarrierError: Abort or reset of barrier",
                "1 BrokenBarrierError: Abort or reset of barrier", "<jaio.Barrier object [broken]>", "true",
                "late Barrier aborted"), out);
    }

    @Test
    void resetFailsTheWaitersAndTheBarrierCanBeUsedAgain() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Barrier b = new Barrier(2);
            java.util.function.Function<String, Coroutine<Void>> w = n -> async(() -> {
                try {
                    out.add(n + " passed " + await(b.wait_()));
                } catch (BrokenBarrierError e) {
                    out.add(n + " " + e.getMessage());
                }
            });
            Task<Void> t = createTask(w.apply("x"));
            await(sleep(0));
            await(b.reset());
            out.add(rep(b));
            await(t);
            out.add(rep(b));
            await(gather(w.apply("y"), w.apply("z")));
            out.add(rep(b));
        }));
        assertEquals(List.of("<jaio.Barrier object [resetting, waiters:0/2]>", "x Abort or reset of barrier",
                "<jaio.Barrier object [filling, waiters:0/2]>", "z passed 1", "y passed 0",
                "<jaio.Barrier object [filling, waiters:0/2]>"), out);
    }

    @Test
    void itIsReusableRoundAfterRound() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Barrier b = new Barrier(2);
            List<Coroutine<Void>> cs = new ArrayList<>();
            for (String n : List.of("a", "b")) {
                cs.add(async(() -> {
                    for (int r = 0; r < 2; r++) {
                        int i = await(b.wait_());
                        out.add(n + " r" + r + " " + i);
                    }
                }));
            }
            await(gather(cs));
        }));
        assertEquals(List.of("b r0 1", "a r0 0", "b r1 1", "a r1 0"), out);
    }

    @Test
    void aCancelledWaiterLeavesTheCount() {
        run(async(() -> {
            Barrier b = new Barrier(2);
            Task<Integer> t = createTask(b.wait_());
            await(sleep(0));
            assertEquals(1, b.nWaiting());
            t.cancel();
            await(gather(true, t));
            assertTrue(t.cancelled());
            assertEquals(0, b.nWaiting());
            assertFalse(b.broken());
        }));
    }

    @Test
    void partiesMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Barrier(0));
        assertEquals("parties must be >= 1", e.getMessage());
        assertEquals(4, new Barrier(4).parties());
    }

    @Test
    void oneParty() {
        int i = run(async(() -> await(new Barrier(1).wait_())));
        assertEquals(0, i);
    }
}
