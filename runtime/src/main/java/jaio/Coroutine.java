package jaio;

import jaio.internal.Rethrow;

import java.lang.ref.Cleaner;

/**
 * A coroutine object: what calling an {@code async def} returns. Made by {@code Async.async(...)};
 * nothing runs until it is awaited (its body then runs in the awaiting task, like a plain call) or
 * wrapped in a task. Like a Python coroutine it can be awaited once only.
 *
 * <p>In debug mode a coroutine that is dropped without ever being awaited is reported, as Python's
 * "coroutine ... was never awaited" RuntimeWarning, with where it was created.
 */
public final class Coroutine<T> implements Awaitable<T> {
    /** Bound while a coroutine's body is stepped by hand: awaiting a coroutine there needs no task. */
    private static final ScopedValue<Boolean> BY_HAND = ScopedValue.newInstance();
    private static final Cleaner NEVER_AWAITED_WATCH = Cleaner.create(Thread.ofPlatform().daemon().name("jaio-coroutine-watch").factory());

    private final AsyncCallable<T> body;
    private final String name;
    private boolean started;
    private NeverAwaited watch;

    Coroutine(String name, AsyncCallable<T> body) {
        this.body = body;
        this.name = name;
        Loop loop = Loop.runningOrNull();
        if (loop != null && loop.getDebug()) {
            watch = new NeverAwaited(name, loop, new Throwable("coroutine created here"));
            NEVER_AWAITED_WATCH.register(this, watch);
        }
    }

    /** The coroutine's name: the one given to {@code async(name, body)}, or its body's class. */
    public String getName() {
        return name != null ? name : body.getClass().getSimpleName();
    }

    /**
     * Runs the body in the awaiting task ({@code await coro}), or inline in a coroutine stepped by
     * hand ({@code Generators.stepByHand}), which has no task.
     */
    @Override
    public T await() {
        if (!BY_HAND.isBound()) {
            Task.currentOrFail("await a coroutine");
        }
        return runBody();
    }

    /** Marks it as never to be run (Python's {@code coro.close()} on an unstarted coroutine). */
    public void close() {
        markStarted();
    }

    boolean started() {
        return started;
    }

    /** The body run with no task, for a stepper driving it by hand (see {@link #await()}). */
    T runByHand() {
        return ScopedValue.where(BY_HAND, Boolean.TRUE).call(this::runBody);
    }

    T runBody() {
        if (started) {
            throw new AsyncRuntimeError("cannot reuse already awaited coroutine");
        }
        markStarted();
        try {
            return body.call();
        } catch (StopIteration e) {
            // PEP 479: a StopIteration escaping a coroutine would end whatever iterates it silently.
            throw new AsyncRuntimeError("coroutine raised StopIteration", e);
        } catch (Exception e) {
            throw Rethrow.unchecked(e);
        }
    }

    private void markStarted() {
        started = true;
        if (watch != null) {
            watch.awaited = true;
        }
    }

    @Override
    public String toString() {
        return "<coroutine " + getName() + (started ? " started" : "") + ">";
    }

    /** The cleanup action: must not reference the coroutine itself, or it would never be collected. */
    private static final class NeverAwaited implements Runnable {
        final String name;
        final Loop loop;
        final Throwable createdAt;
        volatile boolean awaited;

        NeverAwaited(String name, Loop loop, Throwable createdAt) {
            this.name = name;
            this.loop = loop;
            this.createdAt = createdAt;
        }

        @Override
        public void run() {
            if (!awaited && !loop.isClosed()) {
                String what = "coroutine '" + (name != null ? name : "<lambda>") + "' was never awaited";
                loop.callSoonThreadsafe(() -> loop.callExceptionHandler(ExceptionContext.of(what, createdAt)));
            }
        }
    }
}
