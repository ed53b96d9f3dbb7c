package jaio.generators;

import jaio.AsyncRuntimeError;
import jaio.Coroutine;
import jaio.internal.SharedSecrets;

/**
 * A native coroutine driven by hand, outside any loop: Python's {@code coro.send(None)},
 * {@code coro.throw(exc)} and {@code coro.close()} on the object an {@code async def} returns.
 * Made by {@code Generators.stepByHand(coro)}.
 *
 * <p>The coroutine's body runs until it is paused inside a generator-based awaitable (a
 * {@link GeneratorCoroutine}) awaited at any depth; the value that awaitable yields comes out of
 * {@link #send}, and the next {@code send} resumes it there. When the body returns, {@code send}
 * raises {@link StopIteration} with the return value. A future awaited through
 * {@code yieldFrom(future)} comes out as the future itself, as in Python.
 *
 * <p>It is deliberately not an iterator: {@code Generators.next(stepper)} fails with
 * "'coroutine' object is not an iterator", as {@code next(coro)} does. Awaiting a jaio future or
 * {@code sleep} directly needs a running task and fails here; only generator-based awaitables
 * (and coroutines awaiting them) can be stepped by hand.
 */
public final class CoroutineStepper<T> {
    /** Set on the stepper's body thread: coroutines awaited there are stepped by this yielder. */
    private static final ThreadLocal<Yielder<Object>> HAND_DRIVEN = new ThreadLocal<>();

    private final Coroutine<T> coro;
    private final Generator<Object> steps;

    CoroutineStepper(Coroutine<T> coro) {
        this.coro = coro;
        this.steps = new Generator<>(coro.getName(), y -> {
            HAND_DRIVEN.set(y);
            try {
                return SharedSecrets.taskAccess().runByHand(coro);
            } finally {
                HAND_DRIVEN.remove();
            }
        }, "coroutine", true);
    }

    /** The stepping yielder if the current thread runs a coroutine stepped by hand, else null. */
    static Yielder<Object> handDrivenYielder() {
        return HAND_DRIVEN.get();
    }

    /** {@code coro.send(value)}: start with null; returns what the innermost awaitable yields. */
    public Object send(Object value) {
        return surface(steps.send(value));
    }

    /** {@code coro.throw(exception)}: raised where the coroutine is paused. */
    public Object throwIn(Throwable exception) {
        return surface(steps.throwIn(exception));
    }

    /** {@code coro.close()}: GeneratorExit where it is paused (or just marks it closed). */
    public void close() {
        if (steps.getState() == GeneratorState.GEN_CREATED) {
            coro.close();
        }
        steps.close();
    }

    /** The state, with the generator names (Python's CORO_* states map one to one). */
    public GeneratorState getState() {
        return steps.getState();
    }

    private Object surface(Object yielded) {
        if (yielded instanceof GeneratorCoroutine.FutureBlock b) {
            return b.future();
        }
        if (yielded instanceof GeneratorCoroutine.AwaitRequest r) {
            return throwIn(new AsyncRuntimeError("cannot await " + r.awaitable()
                    + " in a coroutine stepped by hand: it needs a running task"));
        }
        return yielded;
    }

    @Override
    public String toString() {
        return "<coroutine object " + coro.getName() + ">";
    }
}
