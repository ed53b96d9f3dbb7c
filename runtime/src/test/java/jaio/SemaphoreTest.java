package jaio;

import static jaio.Async.*;
import static jaio.TestReprs.rep;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.Semaphore semantics (3.12); expected outputs are what CPython 3.12 prints for the same program. */
// Bounded: a lost wake-up shows as a hang, which must fail the test rather than the build.
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class SemaphoreTest {
    @Test
    void atMostValueHoldersAtATimeInFifoOrder() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Semaphore sem = new Semaphore(2);
            List<Coroutine<Void>> cs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                cs.add(async(() -> sem.hold(() -> {
                    out.add(n + " in");
                    await(sleep(0));
                    out.add(n + " out");
                })));
            }
            await(gather(cs));
            out.add(rep(sem));
        }));
        assertEquals(List.of("0 in", "1 in", "0 out", "1 out", "2 in", "3 in", "2 out", "3 out",
                "<jaio.Semaphore object [unlocked, value:2]>"), out);
    }

    @Test
    void aWaiterCancelledAfterBeingHandedAPermitGivesItToTheNext() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Semaphore sem = new Semaphore(0);
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                int n = i;
                ts.add(createTask(async(() -> {
                    try {
                        sem.hold(() -> out.add(n + " in"));
                    } catch (CancelledError e) {
                        out.add(n + " cancelled");
                        throw e;
                    }
                })));
            }
            await(sleep(0));
            sem.release();
            out.add(rep(sem));
            ts.get(0).cancel();
            await(gather(true, ts.get(0), ts.get(1)));
            out.add(rep(sem));
        }));
        assertEquals(List.of("<jaio.Semaphore object [locked, waiters:2]>", "1 cancelled", "2 in",
                "<jaio.Semaphore object [unlocked, value:1]>"), out);
    }

    @Test
    void aNewcomerDoesNotTakeAPermitHandedToAWaiter() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Semaphore sem = new Semaphore(1);
            await(sem.acquire());
            Task<Void> t1 = createTask(async(() -> sem.hold(() -> {
                out.add("1 in");
                await(sleep(0));
            })));
            await(sleep(0));
            sem.release();
            out.add("locked=" + sem.locked() + " value=" + sem.value());
            Task<Void> t2 = createTask(async(() -> sem.hold(() -> {
                out.add("2 in");
                await(sleep(0));
            })));
            await(gather(t1, t2));
        }));
        assertEquals(List.of("locked=true value=0", "1 in", "2 in"), out);
    }

    @Test
    void cancelledWaitersDoNotMakeItLocked() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Semaphore sem = new Semaphore(0);
            Task<Boolean> t1 = createTask(sem.acquire());
            await(sleep(0));
            t1.cancel();
            sem.release();
            out.add("locked=" + sem.locked() + " value=" + sem.value());
            await(sem.acquire());
            out.add("acquired value=" + sem.value());
            await(gather(true, t1));
            out.add(rep(sem));
        }));
        assertEquals(List.of("locked=false value=1", "acquired value=0", "<jaio.Semaphore object [locked]>"), out);
    }

    @Test
    void negativeInitialValueIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Semaphore(-1));
        assertEquals("Semaphore initial value must be >= 0", e.getMessage());
    }

    @Test
    void defaultIsOnePermitAndReleaseIsUnbounded() {
        run(async(() -> {
            Semaphore sem = new Semaphore();
            assertEquals(1, sem.value());
            assertTrue(await(sem.acquire()));
            assertTrue(sem.locked());
            sem.release();
            sem.release();
            assertEquals(2, sem.value());
        }));
    }

    @Test
    void concurrencyIsLimitedAcrossTimedTasks() {
        int[] inside = {0};
        int[] maxInside = {0};
        long t0 = System.nanoTime();
        run(async(() -> {
            Semaphore sem = new Semaphore(3);
            List<Coroutine<Void>> cs = new ArrayList<>();
            for (int i = 0; i < 9; i++) {
                cs.add(async(() -> sem.hold(() -> {
                    inside[0]++;
                    maxInside[0] = Math.max(maxInside[0], inside[0]);
                    await(sleep(0.1));
                    inside[0]--;
                })));
            }
            await(gather(cs));
        }));
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(3, maxInside[0]);
        assertTrue(s >= 0.29 && s < 1.5, "took " + s);
    }
}
