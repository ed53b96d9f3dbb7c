package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** asyncio.Queue semantics; expected outputs are what CPython 3.12 prints for the same program. */
// Bounded: a lost wake-up shows as a hang, which must fail the test rather than the build.
@org.junit.jupiter.api.Timeout(value = 10, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
class QueueTest {
    @Test
    void producerConsumerWithJoinAndTaskDone() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Void> consumer = createTask(async(() -> {
                while (true) {
                    int item = await(q.get());
                    out.add("got " + item);
                    await(sleep(0));
                    q.taskDone();
                    out.add("done " + item);
                }
            }));
            for (int i = 0; i < 3; i++) {
                await(q.put(i));
                out.add("put " + i);
            }
            out.add(q.toString());
            await(q.join());
            out.add("joined");
            out.add(q.toString());
            consumer.cancel();
        }));
        assertEquals(List.of("put 0", "put 1", "put 2", "<Queue maxsize=0 _queue=[0, 1, 2] tasks=3>", "got 0", "done 0",
                "got 1", "done 1", "got 2", "done 2", "joined", "<Queue maxsize=0 _getters[1]>"), out);
    }

    @Test
    void aBoundedQueueMakesTheProducerWait() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Queue<Integer> q = new Queue<>(2);
            Coroutine<Void> producer = async(() -> {
                for (int i = 0; i < 5; i++) {
                    await(q.put(i));
                    out.add("put " + i + " size=" + q.qsize());
                }
                await(q.put(null)); // the end marker, as None in Python
            });
            Coroutine<Void> consumer = async(() -> {
                Integer item;
                while ((item = await(q.get())) != null) {
                    out.add("got " + item);
                }
            });
            await(gather(producer, consumer));
        }));
        assertEquals(List.of("put 0 size=1", "put 1 size=2", "got 0", "got 1", "put 2 size=1", "put 3 size=2", "got 2",
                "got 3", "put 4 size=1", "got 4"), out);
    }

    @Test
    void aGetterCancelledAfterBeingWokenDoesNotLoseTheItem() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Queue<String> q = new Queue<>();
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 1; i <= 2; i++) {
                int n = i;
                ts.add(createTask(async(() -> {
                    try {
                        out.add(n + " got " + await(q.get()));
                    } catch (CancelledError e) {
                        out.add(n + " cancelled");
                        throw e;
                    }
                })));
            }
            await(sleep(0));
            out.add(q.toString());
            q.putNowait("x"); // wakes getter 1...
            ts.get(0).cancel(); // ...which is cancelled before it runs: getter 2 gets the item
            await(gather(true, ts.get(0), ts.get(1)));
            out.add(q.toString());
        }));
        assertEquals(List.of("<Queue maxsize=0 _getters[2]>", "1 cancelled", "2 got x", "<Queue maxsize=0 tasks=1>"), out);
    }

    @Test
    void theOnlyGetterCancelledAfterBeingWokenLeavesTheItemQueued() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Queue<String> q = new Queue<>();
            Task<String> t1 = createTask(q.get());
            await(sleep(0));
            q.putNowait("x");
            t1.cancel();
            await(gather(true, t1));
            out.add("cancelled=" + t1.cancelled() + " qsize=" + q.qsize());
            out.add(q.getNowait());
        }));
        assertEquals(List.of("cancelled=true qsize=1", "x"), out);
    }

    @Test
    void aPutterCancelledAfterBeingWokenPassesTheSlotOn() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Queue<String> q = new Queue<>(1);
            q.putNowait("a");
            List<Task<Void>> ts = new ArrayList<>();
            for (String[] p : List.of(new String[] {"1", "b"}, new String[] {"2", "c"})) {
                ts.add(createTask(async(() -> {
                    try {
                        await(q.put(p[1]));
                        out.add(p[0] + " put " + p[1]);
                    } catch (CancelledError e) {
                        out.add(p[0] + " cancelled");
                        throw e;
                    }
                })));
            }
            await(sleep(0));
            out.add(q.toString());
            out.add(q.getNowait());
            ts.get(0).cancel();
            await(gather(true, ts.get(0), ts.get(1)));
            out.add(q.toString());
        }));
        assertEquals(List.of("<Queue maxsize=1 _queue=[a] _putters[2] tasks=1>", "a", "1 cancelled", "2 put c",
                "<Queue maxsize=1 _queue=[c] tasks=2>"), out);
    }

    @Test
    void gettersAreServedInFifoOrder() {
        List<String> out = new ArrayList<>();
        run(async(() -> {
            Queue<Integer> q = new Queue<>();
            List<Task<Void>> ts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int n = i;
                ts.add(createTask(async(() -> {
                    out.add(n + " got " + await(q.get()));
                })));
            }
            await(sleep(0));
            for (int i = 10; i < 13; i++) {
                q.putNowait(i);
            }
            await(gather(ts));
        }));
        assertEquals(List.of("0 got 10", "1 got 11", "2 got 12"), out);
    }

    @Test
    void nowaitVariantsThrowQueueFullAndQueueEmpty() {
        run(async(() -> {
            Queue<Integer> q = new Queue<>(1);
            assertThrows(QueueEmpty.class, q::getNowait);
            q.putNowait(1);
            assertTrue(q.full());
            assertThrows(QueueFull.class, () -> q.putNowait(2));
            assertEquals(1, q.getNowait());
            assertTrue(q.empty());
        }));
    }

    @Test
    void maxsizeZeroOrNegativeIsUnbounded() {
        run(async(() -> {
            for (int maxsize : new int[] {0, -1}) {
                Queue<Integer> q = new Queue<>(maxsize);
                for (int i = 0; i < 1000; i++) {
                    await(q.put(i)); // never waits
                }
                assertEquals(1000, q.qsize());
                assertFalse(q.full());
                assertEquals(maxsize, q.maxsize());
            }
            assertEquals(0, new Queue<String>().maxsize());
        }));
    }

    @Test
    void taskDoneTooManyTimesFails() {
        Queue<Integer> q = new Queue<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, q::taskDone);
        assertEquals("task_done() called too many times", e.getMessage());
        q.putNowait(1);
        q.getNowait();
        q.taskDone();
        assertThrows(IllegalArgumentException.class, q::taskDone);
    }

    @Test
    void joinReturnsAtOnceWhenNothingIsUnfinished() {
        run(async(() -> {
            Queue<Integer> q = new Queue<>();
            await(q.join());
            q.putNowait(1);
            q.getNowait();
            Task<Void> j = createTask(q.join());
            await(sleep(0));
            assertFalse(j.done()); // gotten but not marked done
            q.taskDone();
            await(sleep(0));
            await(sleep(0));
            assertTrue(j.done());
        }));
    }

    @Test
    void aQueueFilledBeforeTheLoopRunsCanBeConsumedInIt() {
        Queue<String> q = new Queue<>();
        q.putNowait("early"); // asyncio allows this: the queue binds to a loop only when it waits
        assertEquals("early", run(q.get()));
    }

    @Test
    void putNowaitFromAnotherThreadWhileTheLoopRunsFails() {
        String msg = run(async(() -> {
            Queue<Integer> q = new Queue<>();
            Task<Integer> getter = createTask(q.get()); // binds the queue to this loop
            await(sleep(0));
            String m;
            try {
                await(toThread(() -> q.putNowait(1)));
                m = "no error";
            } catch (AsyncRuntimeError e) {
                m = e.getMessage();
            }
            q.putNowait(2);
            assertEquals(2, await(getter));
            return m;
        }));
        assertTrue(msg.contains("no event loop is running here"), msg);
    }

    @Test
    void feedingFromAThreadThroughCallSoonThreadsafeWorks() {
        List<Integer> got = run(async(() -> {
            Queue<Integer> q = new Queue<>();
            Loop loop = getRunningLoop();
            Thread feeder = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 5; i++) {
                    int item = i;
                    loop.callSoonThreadsafe(() -> q.putNowait(item));
                }
            });
            List<Integer> items = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                items.add(await(waitFor(q.get(), 5.0)));
            }
            feeder.join();
            return items;
        }));
        assertEquals(List.of(0, 1, 2, 3, 4), got);
    }

    @Test
    void getWithATimeoutLeavesNoGetterBehind() {
        String r = run(async(() -> {
            Queue<Integer> q = new Queue<>();
            assertThrows(TimeoutError.class, () -> await(waitFor(q.get(), 0.01)));
            return q.toString();
        }));
        assertEquals("<Queue maxsize=0>", r);
    }
}
