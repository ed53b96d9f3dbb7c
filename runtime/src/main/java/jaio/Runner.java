package jaio;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs coroutines on one loop that it owns (asyncio.Runner): several {@link #run} calls share the
 * loop, and {@link #close()} cancels what is left, shuts the default executor down and closes it.
 */
public final class Runner implements AutoCloseable {
    private enum State { CREATED, INITIALIZED, CLOSED }

    private final Boolean debug;
    private Loop loop;
    /** The context every run's task runs in, copied from the caller at the first run (asyncio's). */
    private Context context;
    private State state = State.CREATED;

    /**
     * A runner with a new event loop made on first use (asyncio's {@code Runner()}); use it in try-
     * with-resources and call {@link #run}.
     */
    public Runner() {
        this(null);
    }

    /** @param debug the loop's debug mode, or null to leave the default */
    public Runner(Boolean debug) {
        this.debug = debug;
    }

    /** Runs {@code coro} to completion on the runner's loop and returns its result. */
    public <T> T run(Awaitable<T> coro) {
        if (!Loop.mayRunALoopHere()) {
            throw new AsyncRuntimeError("Runner.run() cannot be called from a running event loop");
        }
        lazyInit();
        Future<T> task = coro instanceof Coroutine<T> c ? loop.createTask(c, null, context) : Tasks.ensureFuture(coro, loop);
        return loop.runUntilComplete(task);
    }

    /** The runner's event loop, made now if needed (asyncio's {@code Runner.get_loop}). */
    public Loop getLoop() {
        lazyInit();
        return loop;
    }

    @Override
    public void close() {
        if (state != State.INITIALIZED) {
            state = State.CLOSED;
            return;
        }
        try {
            cancelAllTasks(loop);
            loop.runUntilComplete(loop.shutdownDefaultExecutor());
        } finally {
            loop.close();
            loop = null;
            state = State.CLOSED;
        }
    }

    private void lazyInit() {
        if (state == State.CLOSED) {
            throw new AsyncRuntimeError("Runner is closed");
        }
        if (state == State.INITIALIZED) {
            return;
        }
        loop = Loop.newEventLoop();
        if (debug != null) {
            loop.setDebug(debug);
        }
        context = Context.copyContext();
        state = State.INITIALIZED;
    }

    /** asyncio.runners._cancel_all_tasks: cancel the leftovers, wait for them, report their errors. */
    static void cancelAllTasks(Loop loop) {
        List<Task<?>> toCancel = new ArrayList<>(loop.allTasks());
        if (toCancel.isEmpty()) {
            return;
        }
        for (Task<?> t : toCancel) {
            t.cancel();
        }
        loop.runUntilComplete(Tasks.gather(toCancel, true));
        for (Task<?> t : toCancel) {
            if (t.cancelled()) {
                continue;
            }
            Throwable exc = t.exception();
            if (exc != null) {
                loop.callExceptionHandler(ExceptionContext.of("unhandled exception during asyncio.run() shutdown", exc).with("task", t));
            }
        }
    }
}
