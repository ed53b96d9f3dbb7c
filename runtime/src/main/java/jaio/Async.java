package jaio;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * jaio's facade: asyncio's module-level API under the same names in camelCase.
 * {@code import static jaio.Async.*;} and a seed reads line for line:
 *
 * <pre>{@code
 * Coroutine<String> say(String what, double delay) {
 *     return async(() -> { await(sleep(delay)); System.out.println(what); return what; });
 * }
 * run(async(() -> { await(gather(say("hello", 1), say("world", 1))); }));
 * }</pre>
 *
 * Functions that are coroutines in asyncio ({@code sleep}, {@code wait}, {@code waitFor},
 * {@code toThread}) return a {@link Coroutine}: nothing happens until it is awaited.
 */
public final class Async {
    public static final ReturnWhen FIRST_COMPLETED = ReturnWhen.FIRST_COMPLETED;
    public static final ReturnWhen FIRST_EXCEPTION = ReturnWhen.FIRST_EXCEPTION;
    public static final ReturnWhen ALL_COMPLETED = ReturnWhen.ALL_COMPLETED;

    private Async() {}

    // ---- running ---------------------------------------------------------------------------

    /** asyncio.run: runs {@code main} on a new loop, cancels what is left, closes the loop. */
    public static <T> T run(Awaitable<T> main) {
        return run(main, null);
    }

    /**
     * As {@link #run(Awaitable)}; {@code debug} turns the loop's debug mode on or off (asyncio's
     * {@code run(main, debug=debug)}).
     */
    public static <T> T run(Awaitable<T> main, Boolean debug) {
        if (!Loop.mayRunALoopHere()) {
            throw new AsyncRuntimeError("asyncio.run() cannot be called from a running event loop");
        }
        try (Runner runner = new Runner(debug)) {
            return runner.run(main);
        }
    }

    /**
     * The event loop running the current task or callback; AsyncRuntimeError if none (asyncio's {@code
     * get_running_loop}).
     */
    public static Loop getRunningLoop() {
        return Loop.getRunningLoop();
    }

    /**
     * The running loop, else this thread's current one, made if needed (asyncio's {@code
     * get_event_loop}).
     */
    public static Loop getEventLoop() {
        return Loop.getEventLoop();
    }

    /** A new event loop, not running (asyncio's {@code new_event_loop}). */
    public static Loop newEventLoop() {
        return Loop.newEventLoop();
    }

    /** Makes {@code loop} this thread's current loop (asyncio's {@code set_event_loop}). */
    public static void setEventLoop(Loop loop) {
        Loop.setEventLoop(loop);
    }

    // ---- coroutines, tasks, awaiting -------------------------------------------------------

    /** A coroutine object (calling an {@code async def}): runs when awaited or wrapped in a task. */
    public static <T> Coroutine<T> async(AsyncCallable<T> body) {
        return new Coroutine<>(null, body);
    }

    /**
     * A coroutine whose body returns nothing (an {@code async def} without a return value); nothing
     * runs until it is awaited or made a task.
     */
    public static Coroutine<Void> async(AsyncRunnable body) {
        return new Coroutine<>(null, () -> {
            body.run();
            return null;
        });
    }

    /** A named coroutine object; the name shows in task listings and debug reports. */
    public static <T> Coroutine<T> async(String name, AsyncCallable<T> body) {
        return new Coroutine<>(name, body);
    }

    /**
     * As {@link #async(AsyncRunnable)}, named {@code name} in reprs and warnings (the {@code async
     * def}'s name).
     */
    public static Coroutine<Void> async(String name, AsyncRunnable body) {
        return new Coroutine<>(name, () -> {
            body.run();
            return null;
        });
    }

    /** Waits for {@code aw} from the current task and returns its value (Python's {@code await aw}). */
    public static <T> T await(Awaitable<T> aw) {
        return aw.await();
    }

    /** Awaits a CompletableFuture: the task is suspended, the loop keeps running. */
    public static <T> T await(CompletableFuture<T> cf) {
        return wrapFuture(cf).await();
    }

    /** Awaits any java.util.concurrent future (an executor's, for example). */
    public static <T> T await(java.util.concurrent.Future<T> f) {
        return wrapFuture(f).await();
    }

    /**
     * asyncio.eager_task_factory, for {@code loop.setTaskFactory(eagerTaskFactory)}: each task's body
     * runs at once inside createTask, up to its first suspension (named as in asyncio, a value rather
     * than a method, so the line reads the same).
     */
    public static final TaskFactory eagerTaskFactory = (loop, coro, name, context) -> new Task<>(coro, loop, name, context, true);

    /**
     * asyncio.create_task(coro): wraps {@code coro} in a {@link Task} of the running loop and
     * schedules it to run soon; the task is named {@code Task-N}. Keep a reference to the task (or
     * await it): the loop does not keep a task alive. {@link AsyncRuntimeError} when no loop runs.
     *
     * @param coro the coroutine the task runs
     * @return the scheduled task
     */
    public static <T> Task<T> createTask(Coroutine<T> coro) {
        return Loop.getRunningLoop().createTask(coro);
    }

    /** asyncio.create_task(coro, name=name): as {@link #createTask(Coroutine)}, named {@code name}. */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return Loop.getRunningLoop().createTask(coro, name);
    }

    /** asyncio.create_task(coro, name=name, context=ctx): the task runs in {@code context} itself. */
    public static <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
        return Loop.getRunningLoop().createTask(coro, name, context);
    }

    /**
     * A future for {@code aw}: a future or task as is, a coroutine wrapped in a new task (asyncio's
     * {@code ensure_future}).
     */
    public static <T> Future<T> ensureFuture(Awaitable<T> aw) {
        return Tasks.ensureFuture(aw);
    }

    /**
     * As {@link #ensureFuture(Awaitable)}, on {@code loop} (asyncio's {@code ensure_future(aw,
     * loop=loop)}).
     */
    public static <T> Future<T> ensureFuture(Awaitable<T> aw, Loop loop) {
        return Tasks.ensureFuture(aw, loop);
    }

    /** asyncio.wrap_future: a jaio future of the running (or current) loop following {@code f}. */
    public static <T> Future<T> wrapFuture(java.util.concurrent.Future<T> f) {
        Loop loop = Loop.runningOrNull();
        return Future.wrap(f, loop != null ? loop : Loop.getEventLoop());
    }

    /** asyncio.run_coroutine_threadsafe: submits {@code coro} to {@code loop} from another thread. */
    public static <T> CompletableFuture<T> runCoroutineThreadsafe(Coroutine<T> coro, Loop loop) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            Task<T> t = loop.createTask(coro);
            t.addDoneCallback(done -> {
                if (done.cancelled()) {
                    result.cancel(false);
                } else if (done.exception() != null) {
                    result.completeExceptionally(done.exception());
                } else {
                    result.complete(done.result());
                }
            });
            result.whenComplete((v, e) -> {
                if (result.isCancelled()) {
                    loop.execute(t::cancel);
                }
            });
        });
        return result;
    }

    /** asyncio.current_task(): the running task, null in a callback; AsyncRuntimeError with no running loop. */
    public static Task<?> currentTask() {
        return Tasks.currentTask();
    }

    /** The tasks of the running loop not yet done (asyncio's {@code all_tasks()}). */
    public static Set<Task<?>> allTasks() {
        return Tasks.allTasks();
    }

    /** asyncio.all_tasks(loop): the tasks of {@code loop} not done yet (also when it is not running). */
    public static Set<Task<?>> allTasks(Loop loop) {
        return loop.allTasks();
    }

    /** The await graph of the current task (asyncio.capture_call_graph()); null outside a task. */
    public static FutureCallGraph captureCallGraph() {
        return CallGraphs.captureCallGraph(null, 1, null);
    }

    /** The await graph of {@code future}: where it is suspended and who awaits it. */
    public static FutureCallGraph captureCallGraph(Future<?> future) {
        return CallGraphs.captureCallGraph(future, 1, null);
    }

    /** asyncio.format_call_graph: the graph of {@code future} (the current task when null) as text. */
    public static String formatCallGraph(Future<?> future) {
        return CallGraphs.formatCallGraph(future, 1, null);
    }

    /** asyncio.print_call_graph() for the current task. */
    public static void printCallGraph() {
        CallGraphs.printCallGraph(null, System.out);
    }

    /** asyncio.print_call_graph(future). */
    public static void printCallGraph(Future<?> future) {
        CallGraphs.printCallGraph(future, System.out);
    }

    // ---- sleeping and combining ------------------------------------------------------------

    /**
     * asyncio.sleep(delay): suspends the current task for {@code seconds} seconds, letting other
     * tasks run; {@code sleep(0)} yields to the loop exactly once. Cancelling the task cancels the
     * sleep.
     *
     * @param seconds how long to sleep, in seconds
     * @return a coroutine to {@code await}
     */
    public static Coroutine<Void> sleep(double seconds) {
        return Tasks.sleep(seconds);
    }

    /** asyncio.sleep(delay, result): as {@link #sleep(double)}, then returns {@code result}. */
    public static <T> Coroutine<T> sleep(double seconds, T result) {
        return Tasks.sleep(seconds, result);
    }

    /** As {@link #sleep(double)}, for a {@link Duration}. */
    public static Coroutine<Void> sleep(Duration delay) {
        return Tasks.sleep(delay.toNanos() / 1e9);
    }

    /**
     * asyncio.gather(*aws): runs the awaitables concurrently (coroutines are wrapped in tasks) and
     * returns a future of their results, in argument order. The first exception raised by a child
     * becomes the gather's (the other children keep running); cancelling the returned future
     * cancels every child not done yet.
     *
     * @param aws the coroutines, tasks or futures to run
     * @return a future of the results, in the order of {@code aws}
     */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Awaitable<? extends T>... aws) {
        return Tasks.gather(aws);
    }

    /** As {@link #gather(Awaitable...)}, for a collection of awaitables. */
    public static <T> Future<List<T>> gather(Collection<? extends Awaitable<? extends T>> aws) {
        return Tasks.gather(aws);
    }

    /**
     * asyncio.gather(*aws, return_exceptions=...): with {@code returnExceptions} a child's exception
     * (or CancelledError) takes its place in the result list instead of failing the gather.
     */
    public static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... aws) {
        return Tasks.gather(returnExceptions, aws);
    }

    /** As {@link #gather(boolean, Awaitable...)}, for a collection of awaitables. */
    public static <T> Future<List<T>> gather(Collection<? extends Awaitable<? extends T>> aws, boolean returnExceptions) {
        return Tasks.gather(aws, returnExceptions);
    }

    /**
     * Waits until all of {@code aws} are done and returns the done and pending sets (asyncio's {@code
     * wait(aws)}).
     */
    public static <T> Coroutine<DoneAndPending<T>> wait(Collection<? extends Awaitable<? extends T>> aws) {
        return Tasks.wait(aws);
    }

    /**
     * As {@link #wait(Collection)}, giving up after {@code timeout} seconds (null: no limit)
     * (asyncio's {@code wait(aws, timeout=timeout)}).
     */
    public static <T> Coroutine<DoneAndPending<T>> wait(Collection<? extends Awaitable<? extends T>> aws, Double timeout) {
        return Tasks.wait(aws, timeout);
    }

    /**
     * Waits until {@code returnWhen} holds (FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED) or the
     * timeout passed (asyncio's {@code wait(aws, timeout, return_when)}).
     */
    public static <T> Coroutine<DoneAndPending<T>> wait(Collection<? extends Awaitable<? extends T>> aws, Double timeout, ReturnWhen returnWhen) {
        return Tasks.wait(aws, timeout, returnWhen);
    }

    /**
     * Awaits {@code aw}, cancelling it and throwing TimeoutError after {@code timeout} seconds (null:
     * no limit) (asyncio's {@code wait_for}).
     */
    public static <T> Coroutine<T> waitFor(Awaitable<T> aw, Double timeout) {
        return Tasks.waitFor(aw, timeout);
    }

    /**
     * Awaits {@code aw}, cancelling it and throwing TimeoutError after {@code timeout} seconds
     * (asyncio's {@code wait_for(aw, timeout)}).
     */
    public static <T> Coroutine<T> waitFor(Awaitable<T> aw, double timeout) {
        return Tasks.waitFor(aw, Double.valueOf(timeout));
    }

    /** A future for {@code aw} that cancelling the awaiter does not cancel (asyncio's {@code shield}). */
    public static <T> Future<T> shield(Awaitable<T> aw) {
        return Tasks.shield(aw);
    }

    /**
     * Coroutines to await one by one, each giving the next result to finish (asyncio's {@code
     * as_completed(aws)}).
     */
    public static <T> Iterable<Coroutine<T>> asCompleted(Collection<? extends Awaitable<? extends T>> aws) {
        return Tasks.asCompleted(aws);
    }

    /**
     * As {@link #asCompleted(Collection)}; TimeoutError if not all are done within {@code timeout}
     * seconds (asyncio's {@code as_completed(aws, timeout=timeout)}).
     */
    public static <T> Iterable<Coroutine<T>> asCompleted(Collection<? extends Awaitable<? extends T>> aws, Double timeout) {
        return Tasks.asCompleted(aws, timeout);
    }

    /** asyncio.timeout(delay): use as {@code timeout(5).run(() -> ...)}. */
    public static Timeout timeout(double delay) {
        return Timeout.after(delay);
    }

    /** asyncio.timeout_at(when): a deadline in loop time ({@code getRunningLoop().time() + ...}), null for none. */
    public static Timeout timeoutAt(Double when) {
        return Timeout.at(when);
    }

    /** {@code async with asyncio.TaskGroup() as tg:} as {@code taskGroup(tg -> ...)}. */
    public static void taskGroup(TaskGroup.Body body) {
        TaskGroup.run(body);
    }

    // ---- threads ---------------------------------------------------------------------------

    /** asyncio.to_thread: runs {@code fn} in the default executor, with the caller's context. */
    public static <T> Coroutine<T> toThread(Callable<T> fn) {
        return new Coroutine<>("to_thread", () -> {
            Loop loop = Loop.getRunningLoop();
            Context ctx = Context.copyContext();
            return loop.runInExecutor(null, () -> ctx.run(fn)).await();
        });
    }

    /**
     * Runs blocking {@code fn} on another thread without blocking the loop, in a copy of the current
     * context (asyncio's {@code to_thread}).
     */
    public static Coroutine<Void> toThread(AsyncRunnable fn) {
        return toThread(() -> {
            fn.run();
            return null;
        });
    }

    // ---- streams ---------------------------------------------------------------------------

    /** asyncio.open_connection: a reader/writer pair connected to {@code host:port}. */
    public static Coroutine<Streams> openConnection(String host, int port) {
        return Streams.openConnection(host, port);
    }

    /** asyncio.start_server: runs {@code handler} as a task per connection; port 0 picks a free one. */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port) {
        return Streams.startServer(handler, host, port);
    }

    /**
     * As {@code startServer(handler, host, port)}, with a listen backlog of {@code backlog} (asyncio's
     * {@code start_server(..., backlog=backlog)}).
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, int backlog) {
        return Streams.startServer(handler, host, port, backlog);
    }

    // ---- callbacks with arguments (functools.partial) --------------------------------------

    /** functools.partial for a two-argument callback: fixes the first argument. */
    public static <A, B> Consumer<B> partial(BiConsumer<? super A, ? super B> fn, A first) {
        return b -> fn.accept(first, b);
    }

    /** functools.partial for a one-argument callback: a callback with no arguments left. */
    public static <A> Runnable partial(Consumer<? super A> fn, A arg) {
        return () -> fn.accept(arg);
    }
}
