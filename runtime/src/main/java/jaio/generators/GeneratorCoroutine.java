package jaio.generators;

import jaio.AsyncRuntimeError;
import jaio.Awaitable;
import jaio.Future;
import jaio.StopIteration;
import jaio.Task;
import jaio.internal.SharedSecrets;
import jaio.internal.TaskAccess;

/**
 * A generator-based coroutine: what {@code @types.coroutine} / {@code @asyncio.coroutine} (removed
 * in Python 3.11) make of a generator function. It is a {@link Generator} that can also be
 * awaited; made by {@code Generators.coroutine(y -> ...)}.
 *
 * <p>Awaited from a task, the task drives it exactly as asyncio's Task drives a generator:
 * <ul>
 * <li>a bare {@code y.yield()} gives the loop up for one iteration (like {@code sleep(0)}), then
 *     resumes the body with null;</li>
 * <li>{@code y.yieldFrom(future)} (Python's {@code yield from fut}) suspends the task until the
 *     future is done, then returns its result or raises its exception in the body;</li>
 * <li>{@code y.yieldFrom(awaitable)} for any other awaitable (Python's
 *     {@code yield from asyncio.sleep(2)}) awaits it in the task while the body stays paused, and
 *     returns its result (or raises its exception in the body);</li>
 * <li>{@code y.yieldFrom(otherGeneratorCoroutine)} delegates (PEP 380), so the inner one's yields
 *     reach the task in the same way;</li>
 * <li>any other yielded value is an error raised in the body, with asyncio's messages: a future
 *     yielded with {@code y.yield(fut)} instead of {@code y.yieldFrom(fut)} gives "yield was used
 *     instead of yield from ...", anything else "Task got bad yield: ...".</li>
 * </ul>
 * A cancellation of the task is raised in the body at its paused yield, as in asyncio. The body
 * itself runs on its own virtual thread, so it cannot call {@code Async.await(...)} directly:
 * {@code y.yieldFrom(...)} is its await, as {@code yield from} was in Python 3.4.
 *
 * <p>Stepped by hand inside a coroutine ({@code Generators.stepByHand}), its yields come out of the
 * stepper's {@code send}, as they come out of {@code coro.send(None)} in Python.
 */
public final class GeneratorCoroutine<R> extends Generator<Object> implements Awaitable<R> {
    /** Yielded by {@code yieldFrom(future)} in a coroutine: asyncio's future with {@code _asyncio_future_blocking}. */
    record FutureBlock(Future<?> future) {}

    /** Yielded by {@code yieldFrom(awaitable)}: the driving task awaits it and sends the result back. */
    record AwaitRequest(Awaitable<?> awaitable) {}

    GeneratorCoroutine(String name, GeneratorCallable<Object> body) {
        super(name, body, "generator", true);
    }

    /** {@code await gen} in a task: drives the generator as asyncio's Task does (see the class comment). */
    @Override
    public R await() {
        Yielder<Object> hand = CoroutineStepper.handDrivenYielder();
        if (hand != null) {
            return hand.yieldFrom(this);
        }
        TaskAccess tasks = SharedSecrets.taskAccess();
        Task<?> task = tasks.currentTaskOrFail("await a generator-based coroutine");
        Object toSend = null;
        Throwable toThrow = null;
        while (true) {
            Object y;
            try {
                y = toThrow != null ? throwIn(toThrow) : send(toSend);
            } catch (StopIteration e) {
                return e.value();
            }
            toSend = null;
            toThrow = null;
            try {
                if (y == null) {
                    tasks.yieldOnce(task);
                } else if (y instanceof FutureBlock b) {
                    tasks.waitFor(task, b.future());
                    // asyncio's __wakeup: the result stays in the future; only an exception is thrown in.
                    b.future().result();
                } else if (y instanceof AwaitRequest r) {
                    toSend = r.awaitable().await();
                } else {
                    // asyncio reports a bad yield at the task's next step.
                    tasks.yieldOnce(task);
                    toThrow = badYield(task, y);
                }
            } catch (Throwable e) {
                toSend = null;
                toThrow = e;
            }
        }
    }

    private static AsyncRuntimeError badYield(Task<?> task, Object y) {
        if (y instanceof Future<?>) {
            return new AsyncRuntimeError("yield was used instead of yield from in task " + task + " with " + y);
        }
        if (y instanceof Generator<?>) {
            return new AsyncRuntimeError("yield was used instead of yield from for generator in task " + task + " with " + y);
        }
        return new AsyncRuntimeError("Task got bad yield: " + (y instanceof CharSequence ? "'" + y + "'" : String.valueOf(y)));
    }
}
