package jaio;

/**
 * The loop a synchronization primitive or queue belongs to (asyncio's {@code mixins._LoopBoundMixin}); {@code owner} arguments only name the primitive in errors.
 *
 * <p>As in asyncio, a primitive is created without a loop and binds itself to the running loop the
 * first time it has to wait (creates a future); using it later from another loop's task is an
 * error. jaio adds one check asyncio cannot need: its futures are not thread-safe, so a primitive
 * whose loop is running must not be touched from a thread that is neither the loop's thread nor
 * one of its tasks (a worker thread, an executor). That fails with the message
 * {@link Task#currentOrFail} gives, instead of corrupting the loop's state.
 */
final class LoopBound {
    private Loop loop;

    /**
     * The current task, for an operation that may suspend ({@code what}: "acquire a Lock"...).
     * Throws {@link AsyncRuntimeError} outside a task of a running loop.
     */
    Task<?> currentTask(Object owner, String what) {
        Task<?> task = Task.currentOrFail(what);
        Loop bound = loop;
        if (bound != null && bound != task.getLoop()) {
            throw new AsyncRuntimeError(owner + " is bound to a different event loop");
        }
        return task;
    }

    /**
     * A new future of the running loop for the current task to wait on; binds the loop on first
     * use. The task notes {@code what} and {@code owner} as what it waits for: callers await the
     * future right away.
     */
    <T> Future<T> createFuture(Object owner, String what) {
        Task<?> task = currentTask(owner, what);
        if (loop == null) {
            loop = task.getLoop();
        }
        task.noteWait(what, owner);
        return loop.createFuture();
    }

    /**
     * Checks that a method that does not suspend ({@code release()}, {@code set()}, {@code putNowait()}...)
     * runs on the primitive's loop: in one of its tasks or callbacks, or anywhere while that loop is
     * not running (filling a queue before {@code run}, as asyncio allows).
     */
    void checkCaller(Object owner, String what) {
        Loop bound = loop;
        if (bound == null) {
            return;
        }
        Loop running = Loop.runningOrNull();
        if (running == null) {
            if (bound.isRunning()) {
                Task.currentOrFail(what); // throws: no loop runs on this thread
            }
            return;
        }
        if (running != bound) {
            throw new AsyncRuntimeError(owner + " is bound to a different event loop");
        }
    }
}
