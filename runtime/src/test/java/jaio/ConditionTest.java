package jaio;

import static jaio.Async.*;
import static jaio.TestReprs.rep;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.Condition semantics; expected outputs are what CPython 3.12 prints for the same program. */
// Bounded: a lost wake-up shows as a hang, which must fail the test rather than the build.
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class ConditionTest {
    @Test
    void notifyWakesTheOldestWaitersAndNotifyAllTheRest() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Condition cond = new Condition();
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                ts.add(createTask(async(() -> cond.hold(() -> {
                    out.add(n + " waits");
                    await(cond.wait_());
                    out.add(n + " woke");
                }))));
            }
            await(sleep(0));
            cond.hold(() -> {
                out.add("notify 1");
                cond.notify_();
            });
            await(sleep(0));
            cond.hold(() -> {
                out.add("notify 2");
                cond.notify(2);
            });
            await(sleep(0));
            cond.hold(() -> {
                out.add("notify all");
                cond.notifyAll_();
            });
            await(gather(ts));
        }));
        assertEquals(List.of("0 waits", "1 waits", "2 waits", "3 waits", "notify 1", "0 woke", "notify 2", "1 woke",
                "2 woke", "notify all", "3 woke"), out);
    }

    @Test
    void waitForChecksThePredicateAfterEveryWakeUp() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Condition cond = new Condition();
            List<Integer> items = new ArrayList<>();
            List<Coroutine<Void>> cs = new ArrayList<>();
            for (String n : List.of("a", "b", "c")) {
                cs.add(async(() -> cond.hold(() -> {
                    assertTrue(await(cond.waitFor(() -> !items.isEmpty())));
                    out.add(n + " got " + items.removeFirst());
                })));
            }
            cs.add(async(() -> {
                for (int i = 0; i < 3; i++) {
                    await(sleep(0));
                    int item = i;
                    cond.hold(() -> {
                        items.add(item);
                        out.add("put " + item);
                        cond.notify_();
                    });
                }
            }));
            await(gather(cs));
        }));
        assertEquals(List.of("put 0", "a got 0", "put 1", "b got 1", "put 2", "c got 2"), out);
    }

    @Test
    void waitForReturnsAtOnceWhenThePredicateHolds() {
        boolean r = run(async(() -> {
            Condition cond = new Condition();
            return cond.call(() -> await(cond.waitFor(() -> true)));
        }));
        assertTrue(r);
    }

    @Test
    void aNotifiedWaiterThatIsCancelledPassesTheNotificationOn() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Condition cond = new Condition();
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                int n = i;
                ts.add(createTask(async(() -> cond.hold(() -> {
                    out.add(n + " waits");
                    try {
                        await(cond.wait_());
                    } catch (CancelledError e) {
                        // The lock is held again before the cancellation leaves wait().
                        out.add(n + " cancelled, locked=" + cond.locked());
                        throw e;
                    }
                    out.add(n + " woke");
                }))));
            }
            await(sleep(0));
            cond.hold(() -> cond.notify(1));
            ts.get(0).cancel();
            await(gather(true, ts.get(0), ts.get(1)));
            out.add(rep(cond));
        }));
        assertEquals(List.of("1 waits", "2 waits", "1 cancelled, locked=true", "2 woke",
                "<jaio.Condition object [unlocked]>"), out);
    }

    @Test
    void waitAndNotifyWithoutTheLockFail() {
        run(async(() -> {
            Condition cond = new Condition();
            AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, () -> await(cond.wait_()));
            assertEquals("cannot wait on un-acquired lock", e.getMessage());
            AsyncRuntimeError e2 = assertThrows(AsyncRuntimeError.class, cond::notify_);
            assertEquals("cannot notify on un-acquired lock", e2.getMessage());
            assertThrows(AsyncRuntimeError.class, cond::notifyAll_);
            assertThrows(AsyncRuntimeError.class, () -> cond.notify(3));
        }));
    }

    @Test
    void conditionsCanShareALock() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Lock lock = new Lock();
            Condition notEmpty = new Condition(lock);
            Condition notFull = new Condition(lock);
            Task<Void> t = createTask(async(() -> notEmpty.hold(() -> {
                await(notEmpty.wait_());
                out.add("consumer woke, locked=" + lock.locked());
                notFull.notify_();
            })));
            await(sleep(0));
            lock.hold(() -> {
                assertTrue(notEmpty.locked() && notFull.locked());
                notEmpty.notify_();
                out.add("producer waits");
                await(notFull.wait_());
                out.add("producer woke");
            });
            await(t);
        }));
        assertEquals(List.of("producer waits", "consumer woke, locked=true", "producer woke"), out);
    }

    @Test
    void reprShowsLockStateAndWaiters() {
        run(async(() -> {
            Condition cond = new Condition();
            Task<Void> t = createTask(async(() -> cond.hold(() -> await(cond.wait_()))));
            await(sleep(0));
            assertEquals("<jaio.Condition object [unlocked, waiters:1]>", rep(cond));
            await(cond.acquire());
            assertEquals("<jaio.Condition object [locked, waiters:1]>", rep(cond));
            cond.notifyAll_();
            cond.release();
            await(t);
        }));
    }
}
