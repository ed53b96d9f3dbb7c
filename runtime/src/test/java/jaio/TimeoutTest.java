package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.timeout / timeout_at (timeouts.py, 3.12). */
class TimeoutTest {
    @Test
    void expiryBecomesTimeoutError() {
        run(async(() -> {
            Timeout cm = timeout(0.02);
            assertThrows(TimeoutError.class, () -> cm.run(() -> await(sleep(10))));
            assertTrue(cm.expired());
            assertEquals(0, currentTask().cancelling(), "the timeout's own cancellation is withdrawn");
        }));
    }

    @Test
    void blockFinishingInTimeIsNotExpired() {
        run(async(() -> {
            Timeout cm = timeout(1);
            assertEquals("v", cm.call(() -> await(sleep(0.01, "v"))));
            assertFalse(cm.expired());
        }));
    }

    @Test
    void rescheduleMovesTheDeadline() {
        run(async(() -> {
            Timeout cm = timeoutAt(null);
            assertNull(cm.when());
            double t0 = getRunningLoop().time();
            assertThrows(TimeoutError.class, () -> cm.run(() -> {
                cm.reschedule(getRunningLoop().time() + 0.03);
                await(sleep(10));
            }));
            double took = getRunningLoop().time() - t0;
            assertTrue(took >= 0.03 && took < 1, "took " + took);
            AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, () -> cm.reschedule(1.0));
            assertEquals("Cannot change state of expired Timeout", e.getMessage());
            assertEquals("Timeout has not been entered", assertThrows(AsyncRuntimeError.class, () -> timeout(1).reschedule(2.0)).getMessage());
        }));
    }

    @Test
    void aTimeoutCanBeEnteredOnce() {
        run(async(() -> {
            Timeout cm = timeout(1);
            cm.run(() -> {});
            assertEquals("Timeout has already been entered", assertThrows(AsyncRuntimeError.class, () -> cm.run(() -> {})).getMessage());
        }));
    }

    @Test
    void timeoutFiringWhileTheTaskIsAlreadyCancelledPropagatesCancellation() {
        // The task is cancelled from outside and the deadline passes in the same iteration: there is
        // a cancellation request the timeout did not make, so CancelledError must win (3.12).
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Task<Void> t = createTask(async(() -> {
                Timeout cm = timeout(0.05);
                try {
                    cm.run(() -> {
                        Task<?> me = currentTask();
                        getRunningLoop().callLater(0.01, () -> me.cancel());
                        Thread.sleep(100); // both deadlines pass while the loop is blocked
                        await(sleep(10));
                    });
                    out.add("no exception");
                } catch (TimeoutError e) {
                    out.add("TimeoutError");
                } catch (CancelledError e) {
                    out.add("CancelledError expired=" + cm.expired());
                    throw e;
                }
            }));
            assertThrows(CancelledError.class, () -> await(t));
        }));
        assertEquals(List.of("CancelledError expired=true"), out);
    }

    @Test
    void outerCancellationIsNotTurnedIntoTimeout() {
        run(async(() -> {
            Task<Void> t = createTask(async(() -> timeout(10).run(() -> await(sleep(10)))));
            await(sleep(0.01));
            t.cancel();
            assertThrows(CancelledError.class, () -> await(t));
        }));
    }

    @Test
    void nestedTimeoutsOnlyTheExpiredOneRaises() {
        run(async(() -> {
            Timeout outer = timeout(10);
            Timeout inner = timeout(0.01);
            String r = outer.call(() -> {
                try {
                    inner.run(() -> await(sleep(1)));
                } catch (TimeoutError e) {
                    return "inner expired";
                }
                return "no";
            });
            assertEquals("inner expired", r);
            assertTrue(inner.expired());
            assertFalse(outer.expired());
        }));
    }
}
