package jaio;

import static jaio.Async.*;
import static jaio.TestReprs.rep;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** asyncio.Lock semantics; expected outputs are what CPython 3.12 prints for the same program. */
// Bounded: a lost wake-up shows as a hang, which must fail the test rather than the build.
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class LockTest {
    private static Coroutine<Void> worker(Lock lock, List<String> out, int n) {
        return async(() -> {
            out.add(n + " wants");
            lock.hold(() -> {
                out.add(n + " has");
                await(sleep(0));
                out.add(n + " releases");
            });
        });
    }

    @Test
    void acquirersGetTheLockInFifoOrderAndANewcomerWaitsItsTurn() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Lock lock = new Lock();
            await(lock.acquire());
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ts.add(createTask(worker(lock, out, i)));
            }
            await(sleep(0));
            out.add("main releases");
            lock.release();
            out.add("locked=" + lock.locked());
            // Free, but waiters that are not cancelled go first.
            await(lock.acquire());
            out.add("main again");
            lock.release();
            await(gather(ts));
        }));
        assertEquals(List.of("0 wants", "1 wants", "2 wants", "main releases", "locked=false", "0 has", "0 releases",
                "1 has", "1 releases", "2 has", "2 releases", "main again"), out);
    }

    private static Coroutine<Void> cancellable(Lock lock, List<String> out, int n, boolean pause) {
        return async(() -> {
            try {
                lock.hold(() -> {
                    out.add(n + " has");
                    if (pause) {
                        await(sleep(0));
                    }
                });
            } catch (CancelledError e) {
                out.add(n + " cancelled");
                throw e;
            }
        });
    }

    @Test
    void aWaiterCancelledRightAfterBeingWokenPassesTheLockOn() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Lock lock = new Lock();
            await(lock.acquire());
            Task<Void> t1 = createTask(cancellable(lock, out, 1, true));
            Task<Void> t2 = createTask(cancellable(lock, out, 2, true));
            await(sleep(0));
            lock.release(); // wakes t1...
            t1.cancel();    // ...which is cancelled before it runs
            List<Object> r = await(gather(true, t1, t2));
            out.add(r.get(0).getClass().getSimpleName());
            out.add("locked=" + lock.locked());
        }));
        assertEquals(List.of("1 cancelled", "2 has", "CancelledError", "locked=false"), out);
    }

    @Test
    void aWaiterCancelledBeforeTheReleaseDoesNotBlockTheNextOne() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Lock lock = new Lock();
            await(lock.acquire());
            Task<Void> t1 = createTask(cancellable(lock, out, 1, false));
            Task<Void> t2 = createTask(cancellable(lock, out, 2, false));
            await(sleep(0));
            out.add(rep(lock));
            t1.cancel();
            lock.release(); // the head waiter is cancelled: it wakes the next one as it leaves
            await(gather(true, t1, t2));
            out.add(rep(lock));
        }));
        assertEquals(List.of("<jaio.Lock object [locked, waiters:2]>", "1 cancelled", "2 has",
                "<jaio.Lock object [unlocked]>"), out);
    }

    @Test
    void aNewcomerTakesAFreeLockWhenEveryWaiterIsCancelled() {
        boolean got = run(async(() -> {
            Lock lock = new Lock();
            await(lock.acquire());
            Task<Boolean> t = createTask(lock.acquire());
            await(sleep(0));
            t.cancel();
            lock.release();
            // t's future is cancelled but t has not run yet: acquiring does not wait.
            boolean acquired = await(lock.acquire());
            await(gather(true, t));
            return acquired && lock.locked() && t.cancelled();
        }));
        assertTrue(got);
    }

    @Test
    void acquireReturnsTrueAndReleaseOfAFreeLockFails() {
        run(async(() -> {
            Lock lock = new Lock();
            assertFalse(lock.locked());
            assertTrue(await(lock.acquire()));
            assertTrue(lock.locked());
            lock.release();
            AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, lock::release);
            assertEquals("Lock is not acquired.", e.getMessage());
        }));
    }

    @Test
    void holdReleasesWhenTheBodyThrowsAndCallReturnsTheValue() {
        run(async(() -> {
            Lock lock = new Lock();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> lock.hold(() -> {
                assertTrue(lock.locked());
                throw new IllegalStateException("boom");
            }));
            assertEquals("boom", e.getMessage());
            assertFalse(lock.locked());
            assertEquals(42, lock.call(() -> lock.locked() ? 42 : -1));
            assertFalse(lock.locked());
        }));
    }

    @Test
    void holdReleasesWhenTheTaskIsCancelledInside() {
        Lock lock = new Lock();
        run(async(() -> {
            Task<Void> t = createTask(async(() -> lock.hold(() -> await(sleep(10)))));
            await(sleep(0));
            assertTrue(lock.locked());
            t.cancel();
            await(gather(true, t));
            assertTrue(t.cancelled());
            assertFalse(lock.locked());
        }));
    }

    @Test
    void mutualExclusionAcrossManyTasks() {
        int[] inside = {0};
        int[] maxInside = {0};
        run(async(() -> {
            Lock lock = new Lock();
            List<Coroutine<Void>> cs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                cs.add(async(() -> lock.hold(() -> {
                    inside[0]++;
                    maxInside[0] = Math.max(maxInside[0], inside[0]);
                    await(sleep(0.001));
                    inside[0]--;
                })));
            }
            await(gather(cs));
        }));
        assertEquals(1, maxInside[0]);
    }

    @Test
    void acquiringOutsideATaskFailsWithTheTaskMessage() {
        Lock lock = new Lock();
        AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, () -> lock.acquire().await());
        assertTrue(e.getMessage().contains("outside a running task"), e.getMessage());
        AsyncRuntimeError e2 = assertThrows(AsyncRuntimeError.class, () -> lock.hold(() -> {}));
        assertTrue(e2.getMessage().contains("outside a running task"), e2.getMessage());
    }

    @Test
    void releasingFromAnotherThreadWhileTheLoopRunsFails() {
        AtomicReference<Throwable> error = new AtomicReference<>();
        run(async(() -> {
            Lock lock = new Lock();
            await(lock.acquire());
            Task<Boolean> waiter = createTask(lock.acquire()); // binds the lock to this loop
            await(sleep(0));
            try {
                await(toThread(() -> lock.release()));
            } catch (AsyncRuntimeError e) {
                error.set(e);
            }
            lock.release();
            await(waiter);
            lock.release();
        }));
        assertNotNull(error.get());
        assertTrue(error.get().getMessage().contains("no event loop is running here"), error.get().getMessage());
    }

    @Test
    void acquiringInACallbackFailsWithTheCallbackMessage() {
        AtomicReference<Throwable> error = new AtomicReference<>();
        run(async(() -> {
            Lock lock = new Lock();
            Future<Void> done = getRunningLoop().createFuture();
            getRunningLoop().callSoon(() -> {
                try {
                    lock.hold(() -> {});
                } catch (AsyncRuntimeError e) {
                    error.set(e);
                }
                done.setResult(null);
            });
            await(done);
        }));
        assertTrue(error.get().getMessage().contains("from a callback"), error.get().getMessage());
    }

    @Test
    void aLockUsedOnTwoLoopsFails() {
        Lock lock = new Lock();
        run(async(() -> {
            await(lock.acquire());
            Task<Boolean> t = createTask(lock.acquire()); // binds to the first loop
            await(sleep(0));
            lock.release();
            await(t);
        }));
        AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, () -> run(lock.acquire()));
        assertTrue(e.getMessage().endsWith("is bound to a different event loop"), e.getMessage());
    }
}
