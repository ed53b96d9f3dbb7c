package jaio.generators;

import jaio.AsyncRuntimeError;
import jaio.CancelledError;
import jaio.Coroutine;
import jaio.Future;
import jaio.Loop;
import jaio.StopIteration;
import jaio.Task;
import jaio.TypeError;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import static jaio.Async.async;
import static jaio.Async.await;
import static jaio.Async.createTask;
import static jaio.Async.run;
import static jaio.Async.sleep;
import static jaio.generators.Generators.coroutine;
import static jaio.generators.Generators.generator;
import static jaio.generators.Generators.stepByHand;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Generator-based coroutines driven by a task, as asyncio's Task drives them. */
class GeneratorCoroutineTest {
    @Test
    void yieldFromAFutureReturnsItsResultAndRaisesItsException() {
        List<Object> out = run(async(() -> {
            Loop loop = Loop.getRunningLoop();
            Future<String> ok = loop.createFuture();
            Future<String> bad = loop.createFuture();
            loop.callLater(0.01, () -> ok.setResult("value"));
            loop.callLater(0.02, () -> bad.setException(new IllegalStateException("failed")));
            GeneratorCoroutine<List<Object>> gc = coroutine(y -> {
                List<Object> seen = new ArrayList<>();
                seen.add(y.yieldFrom(ok));
                try {
                    y.yieldFrom(bad);
                } catch (IllegalStateException e) {
                    seen.add("caught " + e.getMessage());
                }
                return seen;
            });
            return await(gc);
        }));
        assertEquals(List.of("value", "caught failed"), out);
    }

    @Test
    void nestedGeneratorCoroutinesAndNativeAwaitables() {
        String r = run(async(() -> {
            GeneratorCoroutine<String> inner = coroutine(y -> {
                y.yieldFrom(sleep(0.01));
                return "inner";
            });
            GeneratorCoroutine<String> outer = coroutine(y -> {
                String a = y.yieldFrom(inner);
                String b = y.yieldFrom(async(() -> "native"));
                return a + "+" + b;
            });
            return await(outer);
        }));
        assertEquals("inner+native", r);
    }

    @Test
    void yieldingAFutureInsteadOfYieldFromIsAnError() {
        AsyncRuntimeError e = assertThrows(AsyncRuntimeError.class, () -> run(async(() -> {
            Future<String> f = Loop.getRunningLoop().createFuture();
            await(coroutine(y -> {
                y.yield(f);
            }));
        })));
        assertTrue(e.getMessage().startsWith("yield was used instead of yield from in task"), e.getMessage());
    }

    @Test
    void aBadYieldIsRaisedInTheBody() {
        String r = run(async(() -> {
            return await(coroutine(y -> {
                try {
                    y.yield("bobby");
                    return "no error";
                } catch (AsyncRuntimeError e) {
                    return e.getMessage();
                }
            }));
        }));
        assertEquals("Task got bad yield: 'bobby'", r);
    }

    @Test
    void cancellationIsRaisedAtThePausedYield() {
        List<String> log = new ArrayList<>();
        boolean cancelled = run(async(() -> {
            Task<Object> t = createTask(async(() -> await(coroutine(y -> {
                try {
                    y.yieldFrom(sleep(10));
                } catch (CancelledError e) {
                    log.add("cancelled inside: " + e.getMessage());
                    throw e;
                } finally {
                    log.add("finally");
                }
            }))));
            await(sleep(0.01));
            t.cancel("stop");
            try {
                await(t);
            } catch (CancelledError e) {
                return t.cancelled();
            }
            return false;
        }));
        assertTrue(cancelled);
        assertEquals(List.of("cancelled inside: stop", "finally"), log);
    }

    @Test
    void typesCoroutineOfAnExistingGenerator() {
        Generator<Object> plain = generator(y -> {
            y.yield();
            return "from plain generator";
        });
        assertEquals("from plain generator", run(async(() -> await(coroutine(plain)))));
    }

    @Test
    void steppedByHandAFutureComesOutOfSend() {
        Loop loop = new Loop();
        try {
            Future<String> f = loop.createFuture();
            Coroutine<String> coro = async(() -> await(coroutine(y -> {
                return y.yieldFrom(f);
            })));
            CoroutineStepper<String> stepper = stepByHand(coro);
            assertSame(f, stepper.send(null));
            f.setResult("done");
            assertEquals("done", assertThrows(StopIteration.class, () -> stepper.send(null)).value());
        } finally {
            loop.close();
        }
    }

    @Test
    void steppedByHandANonNullFirstSendIsATypeError() {
        CoroutineStepper<String> stepper = stepByHand(async(() -> "x"));
        TypeError e = assertThrows(TypeError.class, () -> stepper.send("v"));
        assertEquals("can't send non-None value to a just-started coroutine", e.getMessage());
        stepper.close();
        assertEquals(GeneratorState.GEN_CLOSED, stepper.getState());
    }
}
