package jaio.internal;

import jaio.Coroutine;
import jaio.Future;
import jaio.Task;

/**
 * What the sub-packages that drive tasks and coroutines themselves (generator-based coroutines,
 * hand-stepped coroutines), and a host that compiles the user's code (the notebook kernel), may do to a {@link Task} or {@link Coroutine} beyond the public API.
 * Package {@code jaio} implements it and registers it in {@link SharedSecrets}; it is not API.
 */
public interface TaskAccess {
    /** The task running on this thread; fails with what to do if there is none ("cannot {what} ..."). */
    Task<?> currentTaskOrFail(String what);

    /** On the task's own thread: suspend until {@code f} is done (awaiting a future). */
    void waitFor(Task<?> task, Future<?> f);

    /** On the task's own thread: give the loop up for exactly one iteration (a bare {@code yield}). */
    void yieldOnce(Task<?> task);

    /**
     * Runs the coroutine's body on this thread with no task, as {@code coro.send(None)} does by
     * hand: coroutines it awaits run inline instead of failing for want of a task.
     */
    <T> T runByHand(Coroutine<T> coro);

    /**
     * Records the user's frame that made {@code value}, if it is a coroutine (a host's call-site
     * knowledge); {@code byAsync}: the frame called {@code Async.async} itself.
     */
    void coroutineMadeAt(Object value, StackTraceElement frame, boolean byAsync);

    /**
     * The code at {@code frame} threw {@code value} away: if it is a coroutine never started, it is
     * reported now as never awaited (see {@link Coroutine}).
     */
    void valueDropped(Object value, StackTraceElement frame);
}
