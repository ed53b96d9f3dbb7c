package jaio.generators;

import jaio.Async;
import jaio.AsyncRuntimeError;
import jaio.StopIteration;
import jaio.TypeError;
import jaio.ValueError;
import jaio.internal.Carrier;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

import static jaio.Async.async;
import static jaio.Async.run;
import static jaio.generators.Generators.generator;
import static jaio.generators.Generators.next;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Generator protocol checks. Most run twice: from the test's platform thread (the body is carried
 * by the caller's thread) and from inside a jaio task (the caller is virtual: the body runs on
 * the pooled carrier while the task is parked).
 */
class GeneratorTest {
    /** Runs {@code check} on the test thread, then inside a task. */
    static void onBothPaths(Runnable check) {
        check.run();
        run(async(check::run));
    }

    static <T> T inTask(Supplier<T> s) {
        return run(async(s::get));
    }

    @Test
    void bodyIsCarriedByTheCallersPlatformThread() {
        String me = Thread.currentThread().getName();
        Generator<String> g = generator(y -> {
            y.yield(Thread.currentThread().toString());
            y.yield(Thread.currentThread().toString());
        });
        String first = g.next();
        String second = g.next();
        // A mounted virtual thread prints "VirtualThread[#id,name]/runnable@<carrier name>".
        assertTrue(first.startsWith("VirtualThread[") && first.endsWith("@" + me), first);
        assertTrue(second.endsWith("@" + me), second);
    }

    @Test
    void insideATaskTheBodyRunsOnThePooledCarrier() {
        String where = inTask(() -> {
            Generator<String> g = generator(y -> {
                y.yield(Thread.currentThread().toString());
            });
            return g.next();
        });
        assertTrue(where.contains("@jaio-body-carrier-"), where);
    }

    @Test
    void forEachNextSendAndReturnValue() {
        onBothPaths(() -> {
            List<Object> seen = new ArrayList<>();
            Generator<Integer> g = generator(y -> {
                int x = y.yield(1);
                seen.add(x);
                Object none = y.yield(2);
                seen.add(none);
                return "done";
            });
            assertEquals(1, g.send(null));
            assertEquals(2, g.send(10));
            StopIteration e = assertThrows(StopIteration.class, g::next);
            assertEquals("done", e.value());
            assertEquals(java.util.Arrays.asList(10, null), seen);
            assertNull(assertThrows(StopIteration.class, () -> g.send(null)).value());

            List<Integer> all = new ArrayList<>();
            for (int i : generator((Yielder<Integer> y) -> {
                for (int k = 0; k < 5; k++) {
                    y.yield(k);
                }
            })) {
                all.add(i);
            }
            assertEquals(List.of(0, 1, 2, 3, 4), all);
        });
    }

    @Test
    void nonNullSendToAJustStartedGeneratorIsATypeError() {
        Generator<Integer> g = generator(y -> {
            y.yield(1);
        });
        TypeError e = assertThrows(TypeError.class, () -> g.send("x"));
        assertEquals("can't send non-None value to a just-started generator", e.getMessage());
        assertEquals(GeneratorState.GEN_CREATED, g.getState());
        assertEquals(1, g.send(null));
    }

    @Test
    void statesIncludingRunningSeenFromInside() {
        onBothPaths(() -> {
            Generator<?>[] self = new Generator<?>[1];
            Generator<Object> g = generator(y -> {
                y.yield(self[0].getState());
            });
            self[0] = g;
            assertEquals(GeneratorState.GEN_CREATED, g.getState());
            assertEquals(GeneratorState.GEN_RUNNING, g.next());
            assertEquals(GeneratorState.GEN_SUSPENDED, g.getState());
            assertThrows(StopIteration.class, g::next);
            assertEquals(GeneratorState.GEN_CLOSED, g.getState());
        });
    }

    @Test
    void resumingFromInsideItsOwnBodyIsAValueError() {
        onBothPaths(() -> {
            Generator<?>[] self = new Generator<?>[1];
            Generator<Object> g = generator(y -> {
                self[0].next();
            });
            self[0] = g;
            ValueError e = assertThrows(ValueError.class, g::next);
            assertEquals("generator already executing", e.getMessage());
            assertEquals(GeneratorState.GEN_CLOSED, g.getState());
        });
    }

    @Test
    void closeRaisesGeneratorExitWhichExceptionHandlersDoNotCatch() {
        onBothPaths(() -> {
            List<String> log = new ArrayList<>();
            Generator<Integer> g = generator(y -> {
                try {
                    y.yield(1);
                } catch (Exception e) {
                    log.add("caught as Exception");
                } finally {
                    log.add("finally");
                }
                y.yield(2);
            });
            g.next();
            g.close();
            assertEquals(List.of("finally"), log);
            assertEquals(GeneratorState.GEN_CLOSED, g.getState());
            g.close();   // closing again is a no-op
            assertTrue(Error.class.isAssignableFrom(GeneratorExit.class));
        });
    }

    @Test
    void closeFailsIfTheBodyYieldsAgainAndPropagatesOtherExceptions() {
        onBothPaths(() -> {
            Generator<Integer> stubborn = generator(y -> {
                while (true) {
                    try {
                        y.yield(1);
                    } catch (GeneratorExit e) {
                        // ignored: yields again
                    }
                }
            });
            stubborn.next();
            AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, stubborn::close);
            assertEquals("generator ignored GeneratorExit", e.getMessage());
            assertEquals(GeneratorState.GEN_SUSPENDED, stubborn.getState());

            Generator<Integer> failing = generator(y -> {
                try {
                    y.yield(1);
                } catch (GeneratorExit ge) {
                    throw new IllegalStateException("cleanup failed");
                }
            });
            failing.next();
            assertEquals("cleanup failed", assertThrows(IllegalStateException.class, failing::close).getMessage());

            Generator<Integer> unstarted = generator(y -> {
                y.yield(1);
            });
            unstarted.close();
            assertEquals(GeneratorState.GEN_CLOSED, unstarted.getState());
            assertThrows(StopIteration.class, unstarted::next);
        });
    }

    @Test
    void throwInIsRaisedAtThePausedYield() {
        onBothPaths(() -> {
            Generator<String> g = generator(y -> {
                try {
                    y.yield("a");
                } catch (IllegalArgumentException e) {
                    y.yield("handled " + e.getMessage());
                }
                y.yield("b");
            });
            assertEquals("a", g.next());
            assertEquals("handled x", g.throwIn(new IllegalArgumentException("x")));
            assertEquals("b", g.next());
            IllegalStateException boom = new IllegalStateException("boom");
            assertSame(boom, assertThrows(IllegalStateException.class, () -> g.throwIn(boom)));
            assertEquals(GeneratorState.GEN_CLOSED, g.getState());
            // into a closed or unstarted generator: raised at once
            assertSame(boom, assertThrows(IllegalStateException.class, () -> g.throwIn(boom)));
            Generator<String> fresh = generator(y -> {
                y.yield("never");
            });
            assertSame(boom, assertThrows(IllegalStateException.class, () -> fresh.throwIn(boom)));
            assertEquals(GeneratorState.GEN_CLOSED, fresh.getState());
        });
    }

    @Test
    void checkedExceptionsPassThroughUnchanged() {
        Generator<Integer> g = generator(y -> {
            y.yield(1);
            throw new java.io.IOException("disk");
        });
        g.next();
        Throwable t = assertThrows(Throwable.class, g::next);
        assertInstanceOf(java.io.IOException.class, t);
    }

    @Test
    void stopIterationRaisedInsideTheBodyBecomesRuntimeError() {
        Generator<Integer> g = generator(y -> {
            y.yield(1);
            throw new StopIteration();
        });
        g.next();
        AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, g::next);
        assertEquals("generator raised StopIteration", e.getMessage());
        assertInstanceOf(StopIteration.class, e.getCause());
    }

    @Test
    void yieldFromForwardsSendsThrowsAndClose() {
        onBothPaths(() -> {
            List<String> log = new ArrayList<>();
            Supplier<Generator<String>> sub = () -> generator(y -> {
                try {
                    String a = y.yield("s1");
                    log.add("sub got " + a);
                    try {
                        y.yield("s2");
                    } catch (IllegalArgumentException e) {
                        log.add("sub caught " + e.getMessage());
                        y.yield("s3");
                    }
                } catch (GeneratorExit e) {
                    log.add("sub closed");
                    throw e;
                }
                return "sub result";
            });
            Generator<String> outer = generator(y -> {
                String r = y.yieldFrom(sub.get());
                log.add("outer got " + r);
                y.yield("o1");
            });
            assertEquals("s1", outer.next());
            assertEquals("s2", outer.send("A"));
            assertEquals("s3", outer.throwIn(new IllegalArgumentException("E")));
            assertEquals("o1", outer.next());
            assertEquals(List.of("sub got A", "sub caught E", "outer got sub result"), log);

            log.clear();
            Generator<String> closing = generator(y -> {
                y.yieldFrom(sub.get());
            });
            closing.next();
            closing.close();
            assertEquals(List.of("sub closed"), log);
        });
    }

    @Test
    void yieldFromAnIterableAndItsLimits() {
        Generator<Object> g = generator(y -> {
            Object r = y.yieldFrom(List.of(1, 2));
            y.yield("result " + r);
        });
        assertEquals(1, g.next());
        assertEquals(2, g.next());
        assertEquals("result null", g.next());

        Generator<Object> sends = generator(y -> {
            y.yieldFrom(List.of(1, 2));
        });
        sends.next();
        assertThrows(TypeError.class, () -> sends.send("x"));

        Generator<Object> plain = generator(y -> {
            y.yieldFrom(Async.sleep(1));
        });
        TypeError e = assertThrows(TypeError.class, plain::next);
        assertEquals("cannot 'yield from' a coroutine object in a non-coroutine generator", e.getMessage());
    }

    @Test
    void yieldingOutsideTheBodyIsRejected() {
        List<Yielder<Integer>> leaked = new ArrayList<>();
        Generator<Integer> g = generator(y -> {
            leaked.add(y);
            y.yield(1);
        });
        g.next();
        assertThrows(AsyncRuntimeError.class, () -> leaked.get(0).yield(2));
    }

    @Test
    void hasNextLooksAheadOnce() {
        List<String> log = new ArrayList<>();
        Generator<Integer> g = generator(y -> {
            log.add("before 1");
            y.yield(1);
            log.add("after 1");
        });
        assertTrue(g.hasNext());
        assertTrue(g.hasNext());
        assertEquals(List.of("before 1"), log);
        assertThrows(IllegalStateException.class, () -> g.send(null));
        assertEquals(1, g.next());
        assertFalse(g.hasNext());
        assertEquals(List.of("before 1", "after 1"), log);
        assertThrows(StopIteration.class, g::next);
    }

    @Test
    void bodyThatBlocksIsWokenByAnotherThread() {
        onBothPaths(() -> {
            Generator<Integer> g = generator(y -> {
                Thread.sleep(20);
                y.yield(1);
                Thread.sleep(20);
                y.yield(2);
            });
            assertEquals(1, g.next());
            assertEquals(2, g.next());
        });
    }

    @Test
    void aGeneratorCanBeResumedFromDifferentThreads() throws Exception {
        Generator<Integer> g = generator(y -> {
            for (int i = 0; ; i++) {
                y.yield(i);
            }
        });
        assertEquals(0, g.next());
        Thread t = Thread.ofPlatform().start(() -> g.next());
        t.join(5000);
        assertEquals(2, (int) inTask(g::next));
        assertEquals(3, g.next());
    }

    @Test
    void abandonedGeneratorsHoldNoPlatformThreads() throws Exception {
        int before = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
        for (int i = 0; i < 300; i++) {
            Generator<Integer> g = generator(y -> {
                y.yield(1);
                y.yield(2);
            });
            g.next();
        }
        inTask(() -> {
            for (int i = 0; i < 300; i++) {
                Generator<Integer> g = generator(y -> {
                    y.yield(1);
                    y.yield(2);
                });
                g.next();
            }
            return null;
        });
        int after = java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
        // Each abandoned body is a parked virtual thread; the pooled carriers are reused.
        assertTrue(Carrier.pooledThreadCount() <= 4, "pool threads: " + Carrier.pooledThreadCount());
        assertTrue(after - before <= 8, "platform threads grew from " + before + " to " + after);
    }

    @Test
    void nestedGeneratorsInsideATaskAndManySwitches() {
        long sum = inTask(() -> {
            Generator<Integer> inner = generator(y -> {
                for (int i = 0; i < 2000; i++) {
                    y.yield(i);
                }
            });
            Generator<Integer> outer = generator(y -> {
                y.yieldFrom(inner);
            });
            long s = 0;
            for (int v : outer) {
                s += v;
            }
            return s;
        });
        assertEquals(1999L * 2000 / 2, sum);
    }
}
