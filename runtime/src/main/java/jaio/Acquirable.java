package jaio;

import jaio.internal.Rethrow;

/**
 * Something acquired and released around a block: asyncio's lock-like primitives ({@link Lock},
 * {@link Condition}, {@link Semaphore}) and their {@code async with} support.
 *
 * <p>Python's {@code async with lock: body} is {@code lock.hold(() -> body)} here, or
 * {@code lock.call(() -> value)} when the block computes a value: the current task awaits
 * {@link #acquire()}, runs the body, and releases in a finally block, so an exception or a
 * cancellation inside the body still releases.
 */
public interface Acquirable {
    /** A coroutine that waits until acquired, then returns true. */
    Coroutine<Boolean> acquire();

    /** Releases once; never suspends. */
    void release();

    /** Whether {@link #acquire()} would have to wait now. */
    boolean locked();

    /** {@code async with this: body}. Must run in a task. */
    default void hold(AsyncRunnable body) {
        call(() -> {
            body.run();
            return null;
        });
    }

    /** {@code async with this: return body()}. Must run in a task. */
    default <T> T call(AsyncCallable<T> body) {
        Task.currentOrFail("enter 'async with' on " + getClass().getSimpleName());
        acquire().await();
        try {
            return body.call();
        } catch (Exception e) {
            throw Rethrow.unchecked(e);
        } finally {
            release();
        }
    }
}
