package jaio;

import jaio.internal.LoopCarriedThreads;
import jaio.internal.Rethrow;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The event loop (asyncio's BaseEventLoop): runs callbacks, timers and task steps, one at a time,
 * on the thread that runs it.
 *
 * <p>Invariants, and why they hold:
 * <ul>
 * <li>Only the loop's thread touches the ready queue, the timer heap and the loop's state. Task
 *     bodies also touch them, but a task's virtual thread runs only on the loop's thread while
 *     the loop waits for it ({@link #runTaskStep}), so there is never more than one mutator.</li>
 * <li>Other threads reach the loop through exactly one thread-safe queue, {@link #fromOtherThreads},
 *     of actions the loop's thread runs as soon as it takes them: callbacks from {@link #execute}
 *     and {@link #callSoonThreadsafe} arrive as "make this handle ready" (so they join the ready
 *     queue in arrival order), and continuations of task threads woken by another thread (a task
 *     blocked in Thread.sleep or on a socket) as themselves. Code that
 *     may run on either side asks {@link #inLoop()} and otherwise hands its work to
 *     {@link #execute}, Netty's shape.</li>
 * <li>Ready callbacks run first-in first-out; one iteration runs only the callbacks that were ready
 *     when it started (asyncio's {@code _run_once}), so a callback that schedules another cannot
 *     starve timers or I/O.</li>
 * <li>A task that blocks outside jaio's await points keeps the loop: the loop waits for that task
 *     and nothing else, exactly as a blocking call inside a coroutine blocks asyncio.</li>
 * </ul>
 */
public final class Loop implements Executor, AutoCloseable {
    private static final CopyOnWriteArrayList<Loop> RUNNING = new CopyOnWriteArrayList<>();
    private static final ThreadLocal<Loop> CURRENT_FOR_THREAD = new ThreadLocal<>();
    static final long START_NANOS = System.nanoTime();
    private static final double CLOCK_RESOLUTION = 1e-9;
    private static final AtomicInteger EXECUTOR_IDS = new AtomicInteger();

    private final ArrayDeque<Handle> ready = new ArrayDeque<>();
    private final PriorityQueue<TimerHandle> scheduled = new PriorityQueue<>();
    private int cancelledTimers;
    private long timerSequence;
    /** The one door for other threads: actions for the loop's thread (see the class comment). */
    private final ConcurrentLinkedQueue<Runnable> fromOtherThreads = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<Runnable> localContinuations = new ArrayDeque<>();
    private final Thread.Builder.OfVirtual taskThreads;
    /**
     * Tasks not done yet, in creation order: a list threaded through the tasks themselves, so adding
     * and removing one costs two links instead of hashing it into a set (see {@link #taskCreated}).
     */
    private Task<?> firstPending;
    private Task<?> lastPending;
    private final Set<UnretrievedException> unretrieved = Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    final Selector selector;
    /** What a select does with each ready key: one object for every select (and one lambda class, not four). */
    private final java.util.function.Consumer<java.nio.channels.SelectionKey> onSelected = this::processSelected;
    /** Scratch buffers the loop's transports share (one set per loop, not per connection). */
    final IoBuffers ioBuffers = new IoBuffers();

    private volatile Thread thread;
    private volatile boolean waiting;
    private boolean stopping;
    private volatile boolean closed;
    private Task<?> current;
    /** System.nanoTime() when this iteration started running ready callbacks (read once per iteration). */
    long iterationNanos;
    /** Reads {@link #current} from other threads ({@link #steppingThread}); the loop's own accesses stay plain. */
    private static final java.lang.invoke.VarHandle CURRENT;
    static {
        try {
            CURRENT = java.lang.invoke.MethodHandles.lookup().findVarHandle(Loop.class, "current", Task.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    private volatile boolean reportUnobservedFailures;
    /** The context of the callback running now; the loop's own between callbacks. */
    private Context handleContext = new Context();
    /**
     * Coroutines made since the current callback began (see {@link Coroutine}): at its end, those
     * nobody started or wrapped in a task are handed to the never-awaited watch. Only the thread
     * holding the loop touches it.
     */
    private ArrayList<Coroutine<?>> newCoroutines = new ArrayList<>();
    /** Size at which {@link #newCoroutines} drops the coroutines already taken, so a long step stays small. */
    private int compactNewCoroutinesAt = MIN_COMPACT_AT;
    private static final int MIN_COMPACT_AT = 1024;

    private boolean debug;
    private volatile boolean nestedLoopsAllowed;
    /** Runs of this loop from its own tasks (a notebook cell's run_until_complete); see {@link #allowNestedLoops}. */
    private final ScriptRuns scriptRuns = new ScriptRuns(this);
    private double slowCallbackDuration = 0.1;
    private ExceptionHandler exceptionHandler;
    private TaskFactory taskFactory;
    private ExecutorService defaultExecutor;
    private boolean executorShutdownCalled;

    /** Where the current step blocked or spun, kept for the slow-callback warning in debug mode. */
    private volatile StackTraceElement blockedAt;
    /** Debug mode: when the current handle started (0 when none runs), read by the watchdog. */
    private volatile long handleStartNanos;
    private Thread debugWatchdog;

    /**
     * A new event loop, not running (asyncio's {@code new_event_loop()}); prefer {@code Async.run} or
     * {@code Runner}.
     */
    public Loop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the loop's selector", e);
        }
        // One name for all task threads: a numbered name cost a string per task (tasks have their own names).
        taskThreads = LoopCarriedThreads.builder(this::scheduleContinuation).name("jaio-task");
    }

    // ---- finding loops ---------------------------------------------------------------------

    /** A new loop (asyncio.new_event_loop()). */
    public static Loop newEventLoop() {
        return new Loop();
    }

    /** The loop running the current task or callback; AsyncRuntimeError if there is none. */
    public static Loop getRunningLoop() {
        Loop l = runningOrNull();
        if (l == null) {
            throw new AsyncRuntimeError("no running event loop");
        }
        return l;
    }

    /**
     * The running loop, else this thread's current loop, creating one if there is none (asyncio's
     * {@code get_event_loop()} with the pre-3.14 policy, which the seeds rely on).
     */
    public static Loop getEventLoop() {
        Loop l = runningOrNull();
        if (l != null) {
            return l;
        }
        l = CURRENT_FOR_THREAD.get();
        if (l == null || l.isClosed()) {
            l = new Loop();
            CURRENT_FOR_THREAD.set(l);
        }
        return l;
    }

    /** Sets this thread's current loop (asyncio.set_event_loop). */
    public static void setEventLoop(Loop loop) {
        CURRENT_FOR_THREAD.set(loop);
    }

    static Loop getEventLoopForNewObject() {
        return getEventLoop();
    }

    /** The loop whose thread, or one of whose tasks, is running on the current thread. */
    static Loop runningOrNull() {
        Thread me = Thread.currentThread();
        for (Loop l : RUNNING) {
            if (l.thread == me) {
                return l;
            }
            Task<?> t = l.current;
            if (t != null && t.thread == me) {
                return l;
            }
        }
        return null;
    }

    /**
     * Whether the current thread is this loop's: its own thread, or the task it is stepping
     * (Netty's {@code inEventLoop}). Code that may be called from anywhere does the work directly
     * when this holds, and hands it to {@link #execute} otherwise.
     */
    public boolean inLoop() {
        Thread me = Thread.currentThread();
        if (thread == me) {
            return true;
        }
        Task<?> t = current;
        return t != null && t.thread == me;
    }

    Task<?> currentTaskOnThisThread() {
        Task<?> t = current;
        return t != null && t.thread == Thread.currentThread() ? t : null;
    }

    // ---- time and callbacks ----------------------------------------------------------------

    /** The loop's clock: monotonic seconds (asyncio's {@code loop.time()}). */
    public double time() {
        return (System.nanoTime() - START_NANOS) / 1e9;
    }

    /**
     * Schedules {@code callback} to run on the next loop iteration, in the current context (asyncio's
     * {@code loop.call_soon}).
     */
    public Handle callSoon(Runnable callback) {
        return callSoon(callback, null);
    }

    /** {@code call_soon(callback, arg)}: the callback is called with the argument. */
    public <A> Handle callSoon(Consumer<? super A> callback, A arg) {
        return callSoon(() -> callback.accept(arg));
    }

    /**
     * {@code call_soon(callback, context=ctx)}: the callback runs in {@code context} itself (what it
     * sets stays set there); null means a copy of the caller's current context, as without one.
     */
    public Handle callSoon(Runnable callback, Context context) {
        checkClosed();
        Handle h = new Handle(callback, this, context != null ? context : callerContext().copy());
        ready.add(h);
        return h;
    }

    /**
     * Schedules {@code callback} to run after {@code delay} seconds (asyncio's {@code
     * loop.call_later}); the handle can cancel it.
     */
    public TimerHandle callLater(double delay, Runnable callback) {
        return callAt(time() + delay, callback);
    }

    /** {@code call_later(delay, callback, context=ctx)}; see {@link #callSoon(Runnable, Context)}. */
    public TimerHandle callLater(double delay, Runnable callback, Context context) {
        return callAt(time() + delay, callback, context);
    }

    /** As {@link #callLater(double, Runnable)}, with the delay as a Duration. */
    public TimerHandle callLater(Duration delay, Runnable callback) {
        return callLater(delay.toNanos() / 1e9, callback);
    }

    /**
     * Schedules {@code callback.accept(arg)} after {@code delay} seconds (asyncio's {@code
     * loop.call_later(delay, callback, arg)}).
     */
    public <A> TimerHandle callLater(double delay, Consumer<? super A> callback, A arg) {
        return callLater(delay, () -> callback.accept(arg));
    }

    /**
     * Schedules {@code callback} at loop time {@code when} (see {@link #time()}) (asyncio's {@code
     * loop.call_at}).
     */
    public TimerHandle callAt(double when, Runnable callback) {
        return callAt(when, callback, null);
    }

    /** {@code call_at(when, callback, context=ctx)}; see {@link #callSoon(Runnable, Context)}. */
    public TimerHandle callAt(double when, Runnable callback, Context context) {
        checkClosed();
        TimerHandle h = new TimerHandle(when, timerSequence++, callback, this,
                context != null ? context : callerContext().copy());
        scheduled.add(h);
        return h;
    }

    /**
     * Schedules {@code callback.accept(arg)} at loop time {@code when} (asyncio's {@code
     * loop.call_at(when, callback, arg)}).
     */
    public <A> TimerHandle callAt(double when, Consumer<? super A> callback, A arg) {
        return callAt(when, () -> callback.accept(arg));
    }

    /** The way in from other threads: schedules the callback and wakes the loop. */
    public Handle callSoonThreadsafe(Runnable callback) {
        return callSoonThreadsafe(callback, null);
    }

    /** {@code call_soon_threadsafe(callback, context=ctx)}; null: a copy of the calling thread's context. */
    public Handle callSoonThreadsafe(Runnable callback, Context context) {
        checkClosed();
        Handle h = new Handle(callback, this, context != null ? context : Context.current().copy());
        fromOtherThreads.add(() -> ready.add(h));
        wakeUp();
        return h;
    }

    /**
     * {@link Executor}: runs {@code command} on the loop, first in first out with the other
     * callbacks, from any thread (as {@link #callSoonThreadsafe}). So a loop can be handed to Java
     * APIs that take an executor ({@code CompletableFuture.supplyAsync(f, loop)}).
     *
     * @throws RejectedExecutionException if the loop is closed
     */
    @Override
    public void execute(Runnable command) {
        if (closed) {
            throw new RejectedExecutionException("Event loop is closed");
        }
        callSoonThreadsafe(command);
    }

    /**
     * Schedules {@code callback.accept(arg)} from any thread (asyncio's {@code
     * loop.call_soon_threadsafe(callback, arg)}).
     */
    public <A> Handle callSoonThreadsafe(Consumer<? super A> callback, A arg) {
        return callSoonThreadsafe(() -> callback.accept(arg));
    }

    void timerCancelled(TimerHandle h) {
        if (h.scheduled) {
            cancelledTimers++;
        }
    }

    // ---- futures and tasks -----------------------------------------------------------------

    /** A new pending future on this loop (asyncio's {@code loop.create_future}). */
    public <T> Future<T> createFuture() {
        return new Future<>(this);
    }

    /** Wraps {@code coro} in a task scheduled on this loop (asyncio's {@code loop.create_task}). */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /**
     * As {@link #createTask(Coroutine)}, naming the task {@code name} (asyncio's {@code
     * create_task(coro, name=name)}).
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return createTask(coro, name, null);
    }

    /**
     * {@code loop.create_task(coro, name=name, context=ctx)}: the task runs in {@code context} itself;
     * null means a copy of the caller's current context.
     */
    @SuppressWarnings("unchecked")
    public <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
        checkClosed();
        TaskFactory factory = taskFactory;
        if (factory != null) {
            return (Task<T>) factory.createTask(this, coro, name, context);
        }
        return new Task<>(coro, this, name, context != null ? context : callerContext().copy(), false);
    }

    /** {@code loop.set_task_factory(factory)}: what {@link #createTask} calls from now on; null for the Task constructor. */
    public void setTaskFactory(TaskFactory factory) {
        this.taskFactory = factory;
    }

    /** {@code loop.get_task_factory()}: the factory set, or null. */
    public TaskFactory getTaskFactory() {
        return taskFactory;
    }

    /** Tasks of this loop that are not done yet, in creation order (asyncio.all_tasks). */
    public Set<Task<?>> allTasks() {
        Set<Task<?>> out = new LinkedHashSet<>();
        for (Task<?> t = firstPending; t != null; t = t.nextPending) {
            out.add(t);
        }
        Task<?> me = currentTaskOnThisThread();
        if (scriptRuns.isScript(me)) {
            out.remove(me);
        }
        return out;
    }

    /**
     * Calls {@code action} with each task not done yet, in creation order, without building a set
     * (allTasks() hashes every task: with many tasks, tools that only look should use this).
     * Call on the loop's thread or one of its tasks; {@code action} must not create or end tasks.
     */
    public void forEachTask(Consumer<Task<?>> action) {
        for (Task<?> t = firstPending; t != null; t = t.nextPending) {
            action.accept(t);
        }
    }

    /** Appends a new task to the pending list (loop thread or one of its tasks: one mutator at a time). */
    void taskCreated(Task<?> t) {
        t.prevPending = lastPending;
        t.nextPending = null;
        if (lastPending != null) {
            lastPending.nextPending = t;
        } else {
            firstPending = t;
        }
        lastPending = t;
        t.listedPending = true;
    }

    /** Unlinks a finished task from the pending list; no effect if it is not listed. */
    void taskDone(Task<?> t) {
        if (!t.listedPending) {
            return;
        }
        Task<?> prev = t.prevPending;
        Task<?> next = t.nextPending;
        if (prev != null) {
            prev.nextPending = next;
        } else {
            firstPending = next;
        }
        if (next != null) {
            next.prevPending = prev;
        } else {
            lastPending = prev;
        }
        t.prevPending = null;
        t.nextPending = null;
        t.listedPending = false;
    }

    /** The caller's current context: cheap on the loop, else whatever is current on the calling thread. */
    private Context callerContext() {
        return inLoop() ? currentContext() : Context.current();
    }

    /** Loop thread or its task: the context of the running task or callback. */
    Context currentContext() {
        Task<?> t = currentTaskOnThisThread();
        return t != null ? t.context : handleContext;
    }

    void setCurrentContext(Context c) {
        Task<?> t = currentTaskOnThisThread();
        if (t != null) {
            t.context = c;
        } else {
            handleContext = c;
        }
    }

    // ---- running ---------------------------------------------------------------------------

    /** Runs until {@code aw} is done and returns its result (asyncio's run_until_complete). */
    public <T> T runUntilComplete(Awaitable<T> aw) {
        checkClosed();
        Task<?> caller = scriptRunCaller();
        if (caller != null) {
            return scriptRuns.runUntilComplete(caller, aw);
        }
        checkNotRunning();
        boolean newTask = !(aw instanceof Future<?>);
        Future<T> f = Tasks.ensureFuture(aw, this);
        Consumer<Future<T>> stopWhenDone = done -> stopLoop();
        f.addDoneCallback(stopWhenDone);
        try {
            runForever();
        } catch (Throwable t) {
            if (newTask && f.done() && !f.cancelled()) {
                f.exceptionQuietly();
                f.markRetrieved();
            }
            throw t;
        } finally {
            f.removeDoneCallback(stopWhenDone);
        }
        if (!f.done()) {
            throw new AsyncRuntimeError("Event loop stopped before Future completed.");
        }
        return f.result();
    }

    /** Runs until {@link #stop()} is called. */
    public void runForever() {
        checkClosed();
        Task<?> caller = scriptRunCaller();
        if (caller != null) {
            scriptRuns.runForever(caller);
            return;
        }
        checkNotRunning();
        Loop host = runningOrNull();
        if (host != null && !host.nestedLoopsAllowed) {
            throw new AsyncRuntimeError("Cannot run the event loop while another loop is running");
        }
        if (Thread.currentThread().isVirtual()) {
            // A loop's tasks are carried by the loop's thread, which must be a platform thread.
            runOnPlatformThread();
            return;
        }
        thread = Thread.currentThread();
        RUNNING.add(this);
        try {
            while (true) {
                runOnce();
                if (stopping) {
                    break;
                }
            }
        } finally {
            stopping = false;
            RUNNING.remove(this);
            thread = null;
        }
    }

    /**
     * Lets code running on this loop run loops as a script does, which asyncio forbids; a notebook
     * kernel turns this on, so that seed code written as a script runs in a cell as written:
     * <ul>
     * <li>another loop (asyncio.run, run_until_complete, run_forever of a new loop) runs on a
     *     platform thread of its own while the caller blocks, as in any blocking call;</li>
     * <li>this loop, from one of its tasks: runUntilComplete(f) waits for f in that task,
     *     runForever() waits until stop(), stop() ends only that wait, a KeyboardInterrupt ends it
     *     by raising, close() does nothing, and the loop itself keeps running ({@link ScriptRuns}).</li>
     * </ul>
     * The host turns it off before stopping the loop for good.
     */
    public void allowNestedLoops(boolean allowed) {
        this.nestedLoopsAllowed = allowed;
    }

    /**
     * Whether {@code runUntilComplete} may be called while this loop runs (see {@link
     * #allowNestedLoops}; nest_asyncio's patch).
     */
    public boolean nestedLoopsAllowed() {
        return nestedLoopsAllowed;
    }

    /**
     * Marks {@code task} as a script's top level (a notebook cell) until it is done: allTasks()
     * called from it leaves it out, as asyncio never lists a script's top-level code as a task.
     * Loop thread or one of its tasks only.
     */
    public void markScriptTask(Task<?> task) {
        scriptRuns.markScript(task);
    }

    /**
     * Raises KeyboardInterrupt out of the script run (see {@link #allowNestedLoops}) that
     * {@code task} is waiting in, as Ctrl-C raises it out of run_until_complete in a script.
     * Returns false if the task is in none. Loop thread only.
     */
    public boolean interruptScriptRun(Task<?> task) {
        return scriptRuns.interrupt(task);
    }

    /** A callback raised KeyboardInterrupt: whether a script run of this hosting loop took it. */
    boolean interruptScriptRunFromCallback() {
        return nestedLoopsAllowed && scriptRuns.interrupt(null);
    }

    /** A task of this running loop calling run* on it while script runs are allowed, else null. */
    private Task<?> scriptRunCaller() {
        return nestedLoopsAllowed && isRunning() ? currentTaskOnThisThread() : null;
    }

    /** Whether code on the current thread may start running another loop (see {@link #allowNestedLoops}). */
    static boolean mayRunALoopHere() {
        Loop host = runningOrNull();
        return host == null || host.nestedLoopsAllowed;
    }

    private void runOnPlatformThread() {
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofPlatform().name("jaio-loop").start(() -> {
            try {
                runForever();
            } catch (Throwable e) {
                failure[0] = e;
            }
        });
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                // Ctrl-C while a script-style loop runs: stop it, then raise KeyboardInterrupt
                // out of run_forever / run_until_complete, as Python does.
                interrupted = true;
                stopLoop();
            }
        }
        if (failure[0] != null) {
            throw Rethrow.unchecked(failure[0]);
        }
        if (interrupted) {
            throw new KeyboardInterrupt();
        }
    }

    /** Stops the loop after the current iteration (thread-safe, like asyncio's in practice). */
    public void stop() {
        if (nestedLoopsAllowed && isRunning()) {
            // A hosting loop never stops for a script: stop() ends the script's run instead.
            if (inLoop()) {
                scriptRuns.stop();
            } else {
                execute(scriptRuns::stop);
            }
            return;
        }
        stopLoop();
    }

    /** Stops this loop's own run after the current iteration, also on a hosting loop. */
    private void stopLoop() {
        if (inLoop()) {
            stopping = true;
        } else {
            execute(() -> stopping = true);
        }
    }

    /** Whether the loop is running now (asyncio's {@code loop.is_running}). */
    public boolean isRunning() {
        return thread != null;
    }

    /** Whether the loop was closed (asyncio's {@code loop.is_closed}). */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the loop: reports tasks still pending and exceptions never retrieved, shuts the default
     * executor down without waiting. AsyncRuntimeError if it is running.
     */
    @Override
    public void close() {
        if (scriptRunCaller() != null) {
            // A script closing the loop it ran: the loop goes on hosting the next cells.
            return;
        }
        if (isRunning()) {
            throw new AsyncRuntimeError("Cannot close a running event loop");
        }
        if (closed) {
            return;
        }
        for (Task<?> t : allTasks()) {
            callExceptionHandler(ExceptionContext.of("Task was destroyed but it is pending!", null).with("task", t));
        }
        for (UnretrievedException u : new ArrayList<>(unretrieved)) {
            u.report();
        }
        closed = true;
        ready.clear();
        scheduled.clear();
        fromOtherThreads.clear();
        ExecutorService ex = defaultExecutor;
        defaultExecutor = null;
        if (ex != null) {
            ex.shutdown();
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // Closing a selector only fails if the JDK cannot release its file descriptors: nothing to do.
        }
    }

    private void checkClosed() {
        if (closed) {
            throw new AsyncRuntimeError("Event loop is closed");
        }
    }

    private void checkNotRunning() {
        if (isRunning()) {
            throw new AsyncRuntimeError("This event loop is already running");
        }
    }

    /** Drops a cancelled timer from the heap (marking it unscheduled); a class, not a lambda spun on the first purge. */
    private static final class CancelledTimer implements java.util.function.Predicate<TimerHandle> {
        static final CancelledTimer INSTANCE = new CancelledTimer();

        @Override
        public boolean test(TimerHandle h) {
            if (h.cancelled) {
                h.scheduled = false;
                return true;
            }
            return false;
        }
    }

    /** One iteration: wait for the next event or deadline, then run what is ready (asyncio's _run_once). */
    private void runOnce() {
        if (cancelledTimers > 100 && cancelledTimers * 2 > scheduled.size()) {
            scheduled.removeIf(CancelledTimer.INSTANCE);
            cancelledTimers = 0;
        }
        while (!scheduled.isEmpty() && scheduled.peek().cancelled) {
            scheduled.poll().scheduled = false;
            cancelledTimers--;
        }
        takeFromOtherThreads();
        long timeoutNanos;
        if (!ready.isEmpty() || stopping) {
            timeoutNanos = 0;
        } else if (!scheduled.isEmpty()) {
            timeoutNanos = Math.max(0, (long) ((scheduled.peek().when - time()) * 1e9));
        } else {
            timeoutNanos = -1;
        }
        waitForEvents(timeoutNanos);
        takeFromOtherThreads();

        long now = System.nanoTime();
        iterationNanos = now;
        double end = (now - START_NANOS) / 1e9 + CLOCK_RESOLUTION;
        while (!scheduled.isEmpty()) {
            TimerHandle h = scheduled.peek();
            if (h.cancelled) {
                scheduled.poll().scheduled = false;
                cancelledTimers--;
                continue;
            }
            if (h.when >= end) {
                break;
            }
            scheduled.poll();
            h.scheduled = false;
            ready.add(h);
        }
        for (int n = ready.size(); n > 0; n--) {
            Handle h = ready.poll();
            if (!h.cancelled) {
                runHandle(h);
            }
        }
        if (!newCoroutines.isEmpty()) {
            watchNewCoroutines(null); // made by a selector or cross-thread callback
        }
    }

    /** A coroutine was made by the code holding the loop (see {@link #newCoroutines}). */
    void coroutineCreated(Coroutine<?> c) {
        if (newCoroutines.size() >= compactNewCoroutinesAt) {
            // A step that awaits a million coroutines without suspending must not keep them all:
            // those already started or owned by a task need no watch. Amortized O(1) per entry.
            newCoroutines.removeIf(Coroutine::taken);
            compactNewCoroutinesAt = Math.max(MIN_COMPACT_AT, 2 * newCoroutines.size());
        }
        newCoroutines.add(c);
    }

    private void watchNewCoroutines(Context context) {
        for (Coroutine<?> c : newCoroutines) {
            c.watchIfUnclaimed(this, context);
        }
        if (newCoroutines.size() > 4096) {
            newCoroutines = new ArrayList<>(); // do not keep a burst's capacity for good
        } else {
            newCoroutines.clear();
        }
        compactNewCoroutinesAt = MIN_COMPACT_AT;
    }

    /**
     * Runs what other threads sent: a callback joins the ready queue; a task thread woken by another
     * thread while not holding the loop runs to its park, where it sees it is not being stepped and
     * parks again.
     */
    private void takeFromOtherThreads() {
        Runnable r;
        while ((r = fromOtherThreads.poll()) != null) {
            r.run();
        }
    }

    private void waitForEvents(long timeoutNanos) {
        boolean hasChannels = !selector.keys().isEmpty();
        try {
            if (timeoutNanos == 0) {
                if (hasChannels) {
                    selector.selectNow(onSelected);
                }
                return;
            }
            waiting = true;
            try {
                if (!fromOtherThreads.isEmpty()) {
                    if (hasChannels) {
                        selector.selectNow(onSelected);
                    }
                    return;
                }
                if (timeoutNanos < 0) {
                    selector.select(onSelected);
                } else {
                    // Round up like asyncio's epoll selector, so a timer is never woken early.
                    long ms = Math.max(1, (timeoutNanos + 999_999) / 1_000_000);
                    selector.select(onSelected, ms);
                }
            } finally {
                waiting = false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the loop's selector failed", e);
        }
        // Selector.select returns at once while the thread is interrupted; the loop does not use
        // interrupts (an interrupt only wakes it), so clear the flag rather than spin.
        Thread.interrupted();
    }

    private void processSelected(java.nio.channels.SelectionKey key) {
        Object att = key.attachment();
        if (att instanceof SelectorHandlers handlers) {
            handlers.ready(key, this);
        }
    }

    private void wakeUp() {
        if (waiting) {
            selector.wakeup();
        }
    }

    private void runHandle(Handle h) {
        Context saved = handleContext;
        handleContext = h.context;
        try {
            if (debug) {
                startDebugWatchdog();
                long t0 = System.nanoTime();
                blockedAt = null;
                handleStartNanos = t0;
                try {
                    h.run();
                } finally {
                    handleStartNanos = 0;
                }
                double dt = (System.nanoTime() - t0) / 1e9;
                if (dt >= slowCallbackDuration) {
                    reportSlow(h, dt);
                }
            } else {
                h.run();
            }
        } finally {
            if (!newCoroutines.isEmpty()) {
                watchNewCoroutines(h.context);
            }
            handleContext = saved;
        }
    }

    private Object slowSubject;

    /**
     * Debug mode: a daemon thread that samples the stack of a step that has held the loop longer
     * than slowCallbackDuration, so the warning can name the line of a busy loop too (a parked
     * step is sampled by {@link #awaitYield} itself).
     */
    private synchronized void startDebugWatchdog() {
        if (debugWatchdog != null) {
            return;
        }
        debugWatchdog = Thread.ofPlatform().daemon().name("jaio-debug-watchdog").start(() -> {
            while (!closed) {
                long periodNanos = Math.max(1_000_000L, (long) (slowCallbackDuration * 1e9 / 2));
                LockSupport.parkNanos(periodNanos);
                long start = handleStartNanos;
                Thread loopThread = thread;
                if (start == 0 || loopThread == null || blockedAt != null
                        || System.nanoTime() - start < slowCallbackDuration * 1e9) {
                    continue;
                }
                Task<?> t = current;
                Thread target = t != null && t.thread != null ? t.thread : loopThread;
                StackTraceElement at = firstUserFrame(target.getStackTrace());
                if (handleStartNanos == start) {
                    blockedAt = at;
                }
            }
        });
    }

    private void reportSlow(Handle h, double seconds) {
        Object what = slowSubject != null ? slowSubject : h;
        String msg = String.format("Executing %s took %.3f seconds", what, seconds);
        if (blockedAt != null) {
            msg += "; it blocked the loop at " + blockedAt;
        }
        slowSubject = null;
        System.err.println(msg);
    }

    // ---- task steps ------------------------------------------------------------------------

    /**
     * Observes task steps, for tools that account time per task (a notebook's {@code %time}).
     * Both methods run on the loop's thread, around each step: they must be short and must not
     * throw, because they run inside the loop's own code.
     */
    public interface TaskStepListener {
        /** {@code task} is about to be resumed on the loop's thread. */
        void stepStarting(Task<?> task);

        /** {@code task} handed the loop back (it suspended at an await point, or ended). */
        void stepEnded(Task<?> task);
    }

    private static final TaskStepListener[] NO_LISTENERS = {};

    /** Copied on change, so a step reads one field and iterates an array that never changes. */
    private volatile TaskStepListener[] stepListeners = NO_LISTENERS;

    /** Adds a listener told about every task step; from any thread. */
    public synchronized void addTaskStepListener(TaskStepListener listener) {
        TaskStepListener[] now = java.util.Arrays.copyOf(stepListeners, stepListeners.length + 1);
        now[now.length - 1] = listener;
        stepListeners = now;
    }

    /** Removes a listener added before (the first equal one); from any thread. */
    public synchronized void removeTaskStepListener(TaskStepListener listener) {
        List<TaskStepListener> now = new ArrayList<>(List.of(stepListeners));
        now.remove(listener);
        stepListeners = now.toArray(NO_LISTENERS);
    }

    private static void stepStarting(TaskStepListener[] listeners, Task<?> task) {
        for (TaskStepListener l : listeners) {
            l.stepStarting(task);
        }
    }

    private static void stepEnded(TaskStepListener[] listeners, Task<?> task) {
        for (TaskStepListener l : listeners) {
            l.stepEnded(task);
        }
    }

    /**
     * The thread of the task holding the loop right now, or null when no task runs; callable from
     * any thread. For a host that must stop a task that never reaches an await point (a notebook's
     * interrupt of a busy background task): such a task can only be reached through its thread.
     */
    public Thread steppingThread() {
        Task<?> t = (Task<?>) CURRENT.getOpaque(this);
        return t == null ? null : t.thread;
    }

    /**
     * asyncio reports a failed task whose exception nobody retrieved when the task is garbage
     * collected. With this set, a task that fails while nobody awaits it and it has no done
     * callback is reported at once, through the exception handler (context keys "message",
     * "exception", and "future": the task itself), in the context the task ran in. A notebook
     * kernel sets it so the failure shows in the cell that started the task when it happens.
     */
    public void setReportUnobservedFailures(boolean atOnce) {
        this.reportUnobservedFailures = atOnce;
    }

    boolean reportsUnobservedFailures() {
        return reportUnobservedFailures;
    }

    /** Resumes {@code task} on this thread and returns when it suspends at an await point or ends. */
    void runTaskStep(Task<?> task) {
        Task<?> previous = current;
        current = task;
        task.stepping = true;
        TaskStepListener[] listeners = stepListeners;
        stepStarting(listeners, task);
        try {
            if (task.thread == null) {
                task.thread = taskThreads.unstarted(task::runOnThread);
                task.thread.start();
            } else {
                LockSupport.unpark(task.thread);
            }
            awaitYield(task);
        } finally {
            stepEnded(listeners, task);
            current = previous;
            if (debug) {
                slowSubject = task;
            }
        }
        raiseEscaping(task);
    }

    /** KeyboardInterrupt and SystemExit leave the loop, also when a task raised them (asyncio's __step). */
    private static void raiseEscaping(Task<?> task) {
        Throwable e = task.escaping;
        if (e != null) {
            task.escaping = null;
            throw Rethrow.unchecked(e);
        }
    }

    /**
     * An eager task's first step, run inside {@code createTask} (asyncio's {@code __eager_start}).
     * From a callback the loop's thread runs it as any step. From a task, the creator holds the
     * loop: it starts the new task's thread and parks until that step ends; the loop's thread,
     * still waiting for the creator's step, runs the new task's step meanwhile, and the new task
     * unparks the creator when it suspends or ends ({@link Task#endEagerStep}).
     */
    void runEagerStep(Task<?> task) {
        if (Thread.currentThread() == thread) {
            runTaskStep(task);
            return;
        }
        Task<?> creator = current;
        current = task;
        task.stepping = true;
        task.eagerCreator = Thread.currentThread();
        TaskStepListener[] listeners = stepListeners;
        stepStarting(listeners, task);
        try {
            task.thread = taskThreads.unstarted(task::runOnThread);
            task.thread.start();
            while (task.stepping) {
                LockSupport.park(this);
            }
        } finally {
            stepEnded(listeners, task);
            current = creator;
        }
        // As in asyncio, out of createTask into the creator.
        raiseEscaping(task);
    }

    private void awaitYield(Task<?> task) {
        boolean noted = false;
        while (task.stepping) {
            Runnable r = localContinuations.poll();
            if (r != null) {
                r.run();
                continue;
            }
            r = fromOtherThreads.poll();
            if (r != null) {
                r.run();
                continue;
            }
            // The task parked outside jaio's await points (Thread.sleep, blocking I/O, a
            // java.util.concurrent lock): the loop waits for it, as asyncio blocks on time.sleep.
            if (debug && !noted) {
                noted = true;
                blockedAt = firstUserFrame(task.thread.getStackTrace());
            }
            LockSupport.park(this);
            Thread.interrupted();
        }
    }

    private static StackTraceElement firstUserFrame(StackTraceElement[] frames) {
        for (StackTraceElement e : frames) {
            if (!StackFrames.isInternal(e)) {
                return e;
            }
        }
        return frames.length > 0 ? frames[0] : null;
    }

    /** The scheduler of the task threads: called whenever a task thread can continue. */
    private void scheduleContinuation(Runnable continuation) {
        Thread t = thread;
        if (Thread.currentThread() == t) {
            localContinuations.add(continuation);
        } else {
            fromOtherThreads.add(continuation);
            if (t != null) {
                LockSupport.unpark(t);
                wakeUp();
            }
        }
    }

    // ---- I/O (selector) --------------------------------------------------------------------
    //
    // asyncio's selector_events: addReader/addWriter register a callback per channel and direction;
    // when the selector reports the channel ready, the callback's handle is appended to the ready
    // queue (asyncio's _process_events -> _add_callback), so I/O callbacks run FIFO with the others.
    // A key is never cancelled while its channel lives: removing both callbacks only clears its
    // interest set, because a cancelled key cannot be registered again before the next select.

    /** Calls {@code callback} whenever {@code channel} is readable (or, for a server channel, acceptable). */
    public void addReader(java.nio.channels.SelectableChannel channel, Runnable callback) {
        checkClosed();
        ioHandlers(channel).setReader(new Handle(callback, this, callerContext().copy()));
    }

    /** Stops watching {@code channel} for reading; returns whether a reader was registered. */
    public boolean removeReader(java.nio.channels.SelectableChannel channel) {
        IoHandlers h = existingIoHandlers(channel);
        return h != null && h.setReader(null);
    }

    /**
     * Calls {@code callback} whenever {@code channel} is writable. On a SocketChannel whose connect
     * is still pending this waits for the connect to finish (Java's OP_CONNECT, which Python's
     * selectors report as writable); the callback then calls {@code finishConnect()}.
     */
    public void addWriter(java.nio.channels.SelectableChannel channel, Runnable callback) {
        checkClosed();
        ioHandlers(channel).setWriter(new Handle(callback, this, callerContext().copy()));
    }

    /** Stops watching {@code channel} for writing; returns whether a writer was registered. */
    public boolean removeWriter(java.nio.channels.SelectableChannel channel) {
        IoHandlers h = existingIoHandlers(channel);
        return h != null && h.setWriter(null);
    }

    /** Connects a non-blocking SocketChannel (asyncio's sock_connect); cancelling stops waiting. */
    public Coroutine<Void> sockConnect(java.nio.channels.SocketChannel sock, java.net.SocketAddress address) {
        return new Coroutine<>("sock_connect", new SocketOps.Connect(this, sock, address));
    }

    /** Receives up to {@code n} bytes; an empty array at end of stream (asyncio's sock_recv). */
    public Coroutine<byte[]> sockRecv(java.nio.channels.SocketChannel sock, int n) {
        return new Coroutine<>("sock_recv", () -> SocketOps.recv(this, sock, n));
    }

    /** Receives into {@code buf}; returns the byte count, 0 at end of stream (asyncio's sock_recv_into). */
    public Coroutine<Integer> sockRecvInto(java.nio.channels.SocketChannel sock, java.nio.ByteBuffer buf) {
        return new Coroutine<>("sock_recv_into", () -> SocketOps.recvInto(this, sock, buf));
    }

    /** Sends all of {@code data}, waiting for the socket to drain as needed (asyncio's sock_sendall). */
    public Coroutine<Void> sockSendall(java.nio.channels.SocketChannel sock, byte[] data) {
        return sockSendall(sock, java.nio.ByteBuffer.wrap(data));
    }

    /**
     * Sends all of {@code data} on the non-blocking socket, waiting for room as needed (asyncio's
     * {@code loop.sock_sendall}).
     */
    public Coroutine<Void> sockSendall(java.nio.channels.SocketChannel sock, java.nio.ByteBuffer data) {
        return new Coroutine<>("sock_sendall", () -> SocketOps.sendall(this, sock, data));
    }

    /** Accepts a connection; the new channel is non-blocking (asyncio's sock_accept). */
    public Coroutine<java.nio.channels.SocketChannel> sockAccept(java.nio.channels.ServerSocketChannel sock) {
        return new Coroutine<>("sock_accept", () -> SocketOps.accept(this, sock));
    }

    private IoHandlers ioHandlers(java.nio.channels.SelectableChannel channel) {
        if (channel.isBlocking()) {
            throw new IllegalArgumentException("the channel must be in non-blocking mode: call configureBlocking(false)");
        }
        java.nio.channels.SelectionKey key = channel.keyFor(selector);
        if (key != null && key.isValid()) {
            return (IoHandlers) key.attachment();
        }
        try {
            IoHandlers h = new IoHandlers(channel);
            h.key = channel.register(selector, 0, h);
            return h;
        } catch (java.nio.channels.ClosedChannelException e) {
            throw new UncheckedIOException("cannot watch a closed channel", e);
        }
    }

    private IoHandlers existingIoHandlers(java.nio.channels.SelectableChannel channel) {
        java.nio.channels.SelectionKey key = channel.keyFor(selector);
        return key != null && key.isValid() && key.attachment() instanceof IoHandlers h ? h : null;
    }

    /** The reader and writer callbacks of one channel: the selector key's attachment. */
    private final class IoHandlers implements SelectorHandlers {
        final java.nio.channels.SelectableChannel channel;
        java.nio.channels.SelectionKey key;
        Handle reader;
        Handle writer;

        IoHandlers(java.nio.channels.SelectableChannel channel) {
            this.channel = channel;
        }

        /** Replaces the reader (null removes it); returns whether one was registered before. */
        boolean setReader(Handle h) {
            Handle old = reader;
            reader = h;
            if (old != null) {
                old.cancel();
            }
            updateInterest();
            return old != null;
        }

        boolean setWriter(Handle h) {
            Handle old = writer;
            writer = h;
            if (old != null) {
                old.cancel();
            }
            updateInterest();
            return old != null;
        }

        void updateInterest() {
            if (!key.isValid()) {
                return;
            }
            int ops = 0;
            if (reader != null) {
                ops |= channel instanceof java.nio.channels.ServerSocketChannel
                        ? java.nio.channels.SelectionKey.OP_ACCEPT : java.nio.channels.SelectionKey.OP_READ;
            }
            if (writer != null) {
                ops |= channel instanceof java.nio.channels.SocketChannel sc && sc.isConnectionPending()
                        ? java.nio.channels.SelectionKey.OP_CONNECT : java.nio.channels.SelectionKey.OP_WRITE;
            }
            key.interestOps(ops);
        }

        @Override
        public void ready(java.nio.channels.SelectionKey key, Loop loop) {
            int ops;
            try {
                ops = key.readyOps();
            } catch (java.nio.channels.CancelledKeyException e) {
                return;
            }
            int readOps = java.nio.channels.SelectionKey.OP_READ | java.nio.channels.SelectionKey.OP_ACCEPT;
            int writeOps = java.nio.channels.SelectionKey.OP_WRITE | java.nio.channels.SelectionKey.OP_CONNECT;
            if ((ops & readOps) != 0 && reader != null && !reader.cancelled) {
                ready.add(reader);
            }
            if ((ops & writeOps) != 0 && writer != null && !writer.cancelled) {
                ready.add(writer);
            }
        }
    }

    // ---- executors -------------------------------------------------------------------------

    /**
     * Runs {@code fn} in {@code executor} (the loop's default one when null) and returns a future of
     * this loop for its result (asyncio's run_in_executor).
     */
    public <T> Future<T> runInExecutor(Executor executor, Callable<T> fn) {
        checkClosed();
        Executor ex = executor != null ? executor : defaultExecutor();
        CompletableFuture<T> cf = CompletableFuture.supplyAsync(() -> {
            try {
                return fn.call();
            } catch (Exception e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        }, ex);
        return Future.wrap(cf, this, "a thread (runInExecutor)");
    }

    /**
     * Runs {@code fn} on {@code executor} (null: the default one) and returns a future of its end
     * (asyncio's {@code loop.run_in_executor}).
     */
    public Future<Void> runInExecutor(Executor executor, AsyncRunnable fn) {
        return runInExecutor(executor, () -> {
            fn.run();
            return null;
        });
    }

    /** The executor {@code runInExecutor(null, ...)} uses; a thread pool of min(32, cpus + 4). */
    public synchronized ExecutorService defaultExecutor() {
        if (executorShutdownCalled) {
            throw new AsyncRuntimeError("Executor shutdown has been called");
        }
        if (defaultExecutor == null) {
            int id = EXECUTOR_IDS.getAndIncrement();
            AtomicInteger n = new AtomicInteger();
            ThreadFactory tf = r -> Thread.ofPlatform().daemon().name("jaio-executor-" + id + "_" + n.getAndIncrement()).unstarted(r);
            int max = Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
            java.util.concurrent.ThreadPoolExecutor tpe = new java.util.concurrent.ThreadPoolExecutor(
                    max, max, 30, java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.LinkedBlockingQueue<>(), tf);
            tpe.allowCoreThreadTimeOut(true);
            defaultExecutor = tpe;
        }
        return defaultExecutor;
    }

    /**
     * Sets the executor {@code runInExecutor(null, ...)} and {@code toThread} use (asyncio's {@code
     * loop.set_default_executor}).
     */
    public synchronized void setDefaultExecutor(ExecutorService executor) {
        this.defaultExecutor = executor;
    }

    /** A coroutine that shuts the default executor down and waits for its threads. */
    public Coroutine<Void> shutdownDefaultExecutor() {
        return new Coroutine<>("shutdown_default_executor", () -> {
            ExecutorService ex;
            synchronized (this) {
                executorShutdownCalled = true;
                ex = defaultExecutor;
            }
            if (ex == null) {
                return null;
            }
            CompletableFuture<Void> done = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                ex.shutdown();
                try {
                    ex.awaitTermination(300, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                done.complete(null);
            });
            Future.wrap(done, this).await();
            return null;
        });
    }

    // ---- errors and debug ------------------------------------------------------------------

    /**
     * Sets the handler of errors nobody else receives, null for the default (asyncio's {@code
     * loop.set_exception_handler}).
     */
    public void setExceptionHandler(ExceptionHandler handler) {
        this.exceptionHandler = handler;
    }

    /**
     * The handler set by {@link #setExceptionHandler}, or null (asyncio's {@code
     * loop.get_exception_handler}).
     */
    public ExceptionHandler getExceptionHandler() {
        return exceptionHandler;
    }

    /** Reports an error that has no caller to go to (asyncio's call_exception_handler). */
    public void callExceptionHandler(ExceptionContext context) {
        ExceptionHandler h = exceptionHandler;
        if (h == null) {
            defaultExceptionHandler(context);
            return;
        }
        try {
            h.handle(this, context);
        } catch (Throwable t) {
            defaultExceptionHandler(ExceptionContext.of("Unhandled error in exception event handler", t)
                    .with("context", context));
        }
    }

    /** Writes the report to System.err: the message, the other entries, then the stack trace. */
    public void defaultExceptionHandler(ExceptionContext context) {
        StringBuilder sb = new StringBuilder(context.message() == null ? "Unhandled exception in event loop" : context.message());
        for (var e : context.asMap().entrySet()) {
            if (!e.getKey().equals("message") && !e.getKey().equals("exception")) {
                sb.append('\n').append(e.getKey()).append(": ").append(e.getValue());
            }
        }
        Throwable ex = context.exception();
        if (ex != null) {
            StringWriter sw = new StringWriter();
            ex.printStackTrace(new PrintWriter(sw));
            sb.append('\n').append(sw.toString().stripTrailing());
        }
        System.err.println(sb);
    }

    UnretrievedException trackUnretrieved(Future<?> f, Throwable exception) {
        UnretrievedException u = new UnretrievedException(this, f, exception);
        unretrieved.add(u);
        return u;
    }

    void forgetUnretrieved(UnretrievedException u) {
        unretrieved.remove(u);
    }

    /**
     * Turns debug mode on or off: slow callbacks and never-awaited coroutines are reported with where
     * they were made (asyncio's {@code loop.set_debug}).
     */
    public void setDebug(boolean enabled) {
        this.debug = enabled;
    }

    /** Whether debug mode is on (asyncio's {@code loop.get_debug}). */
    public boolean getDebug() {
        return debug;
    }

    /** Steps and callbacks slower than this many seconds are reported in debug mode (default 0.1). */
    public double getSlowCallbackDuration() {
        return slowCallbackDuration;
    }

    /**
     * In debug mode, callbacks running longer than {@code seconds} are reported (asyncio's {@code
     * loop.slow_callback_duration}).
     */
    public void setSlowCallbackDuration(double seconds) {
        this.slowCallbackDuration = seconds;
    }

    @Override
    public String toString() {
        return "<Loop running=" + isRunning() + " closed=" + closed + " debug=" + debug + ">";
    }
}
