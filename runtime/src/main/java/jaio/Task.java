package jaio;

import jaio.internal.SharedSecrets;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A coroutine running on a loop (asyncio.Task).
 *
 * <p>A task is a stackful coroutine: its body runs on a virtual thread whose only carrier is the
 * loop's thread, and it runs only while the loop has handed itself to the task ("a step"). The
 * task hands the loop back at an await point ({@link #suspend()}), so one task runs at a time and
 * the interleaving is the one asyncio produces. A blocking call inside the body (Thread.sleep, a
 * blocking socket) keeps the loop, exactly as it does in asyncio.
 *
 * <p>Cancellation follows asyncio 3.13: {@link #cancel(String)} cancels the future the task waits
 * for, or else makes the next step raise {@link CancelledError} where the task is suspended.
 */
public class Task<T> extends Future<T> {
    static {
        SharedSecrets.setTaskAccess(new TaskAccessImpl());
    }

    private static final AtomicLong COUNTER = new AtomicLong();

    private final Coroutine<T> coro;
    /** The name given or set; null while the task still has its default name (see {@link #getName()}). */
    private String name;
    /** The counter value of a default name ("Task-" + number), drawn at creation as asyncio does. */
    private final long number;
    Context context;
    final long createdNanos = System.nanoTime();

    /** The virtual thread the body runs on; created at the first step. */
    Thread thread;
    /** True while this task holds the loop: set by the loop before resuming it, cleared on suspend. */
    boolean stepping;
    /** The future the task is suspended on, if any: what {@link #cancel} cancels. */
    private Future<?> futWaiter;
    /**
     * What the task waits for, noted by the code that is about to suspend it (a queue, a lock,
     * a sleep's timer...) and cleared when it resumes; null when only {@link #futWaiter} tells.
     */
    private String waitWhat;
    private Object waitOn;
    /** When the task last suspended (System.nanoTime()), for "waiting since". */
    private long waitSinceNanos;
    private boolean mustCancel;
    private int numCancelsRequested;
    private final Consumer<Future<?>> wakeup = f -> step();
    private final Runnable stepCallback = this::step;
    /**
     * A KeyboardInterrupt or SystemExit that ended the body during the current step: stored as the
     * task's exception and also raised out of the step into the loop, as asyncio's task step
     * re-raises them (see {@link Loop#runTaskStep}).
     */
    Throwable escaping;
    /** During an eager first step run from another task: that task's thread, parked until the step ends. */
    Thread eagerCreator;
    /** Links of the loop's list of pending tasks (see {@link Loop#taskCreated}). */
    Task<?> prevPending;
    Task<?> nextPending;
    boolean listedPending;

    /** {@code asyncio.Task(coro, loop=loop)}: a task in a copy of the current context. */
    public Task(Coroutine<T> coro, Loop loop) {
        this(coro, loop, null, null, false);
    }

    /**
     * {@code asyncio.Task(coro, loop=loop, name=name, context=context, eager_start=eagerStart)}:
     * a null context means a copy of the current one. With {@code eagerStart} and the loop running
     * here, the body runs at once, inside this constructor, up to its first suspension; a body that
     * finishes without suspending leaves the task done and never scheduled (Python 3.12+).
     */
    public Task(Coroutine<T> coro, Loop loop, String name, Context context, boolean eagerStart) {
        super(loop);
        if (coro.started()) {
            throw new AsyncRuntimeError("a coroutine was expected, got a coroutine that has already been awaited: " + coro);
        }
        this.coro = coro;
        coro.claim();
        this.name = name;
        // asyncio draws the counter only for unnamed tasks; the string itself is built on demand,
        // because formatting it for every task was a tenth of the cost of spawning one.
        this.number = name != null ? 0 : COUNTER.incrementAndGet();
        this.context = context != null ? context : Context.copyContext();
        loop.taskCreated(this);
        if (eagerStart && loop.isRunning() && loop.inLoop()) {
            loop.runEagerStep(this);
        } else {
            loop.callSoon(stepCallback, this.context);
        }
    }

    /** Task thread: the step ended (suspended or finished); wake a creator waiting for an eager step. */
    private void endEagerStep() {
        Thread creator = eagerCreator;
        if (creator != null) {
            eagerCreator = null;
            LockSupport.unpark(creator);
        }
    }

    // ---- the task's own API --------------------------------------------------------------

    /** The task's name: the one given, or {@code Task-N} (asyncio's {@code Task.get_name}). */
    public String getName() {
        String n = name;
        if (n == null) {
            n = "Task-" + number;
            name = n;
        }
        return n;
    }

    /** Renames the task (asyncio's {@code Task.set_name}). */
    public void setName(String name) {
        this.name = name;
    }

    /** The coroutine the task runs (asyncio's {@code Task.get_coro}). */
    public Coroutine<T> getCoro() {
        return coro;
    }

    /** The context the task runs in (copied from its creator). */
    public Context getContext() {
        return context;
    }

    /** Seconds since the task was created. */
    public double age() {
        return (System.nanoTime() - createdNanos) / 1e9;
    }

    /**
     * Asks the task to stop: the future it waits for is cancelled, or else its next step raises
     * {@link CancelledError} where it is suspended. Returns false if it is already done.
     */
    @Override
    public boolean cancel(String msg) {
        markRetrieved();
        if (done()) {
            return false;
        }
        numCancelsRequested++;
        if (futWaiter != null && futWaiter.cancel(msg)) {
            // Keep futWaiter: it may be a task that swallows the cancellation.
            return true;
        }
        mustCancel = true;
        cancelMessage = msg;
        return true;
    }

    /** How many cancellation requests are pending (asyncio's {@code Task.cancelling()}). */
    public int cancelling() {
        return numCancelsRequested;
    }

    /** Withdraws one cancellation request; returns how many remain. */
    public int uncancel() {
        if (numCancelsRequested > 0) {
            numCancelsRequested--;
            if (numCancelsRequested == 0) {
                mustCancel = false;
            }
        }
        return numCancelsRequested;
    }

    @Override
    public void setResult(T value) {
        throw new AsyncRuntimeError("Task does not support set_result operation");
    }

    @Override
    public void setException(Throwable exception) {
        throw new AsyncRuntimeError("Task does not support set_exception operation");
    }

    /**
     * What the task waits for while it is suspended, and since when; null while it runs, before
     * its first step and once done (see {@link Waiting}). Call from the loop's thread or its tasks.
     */
    public Waiting waitingFor() {
        if (done() || thread == null || stepping) {
            return null;
        }
        return new Waiting(waitWhat, waitOn, futWaiter, (waitSinceNanos - Loop.START_NANOS) / 1e9);
    }

    /**
     * {@code waitingFor().kind()} without building the answer (null when not waiting): cheap
     * enough to count a hundred thousand tasks by what they wait for.
     */
    public String waitingKind() {
        if (done() || thread == null || stepping) {
            return null;
        }
        return Waiting.kindOf(waitWhat, futWaiter);
    }

    /** Notes what the task is about to wait for (called right before it suspends). */
    void noteWait(String what, Object on) {
        waitWhat = what;
        waitOn = on;
    }

    /** The object noted as what the task waits on (a queue, a lock, a TaskGroup...), or null. */
    Object waitOn() {
        return waitOn;
    }

    /** What the task noted it waits for ("sleep", "get from a Queue"...), or null. */
    String waitWhat() {
        return waitWhat;
    }

    /** When the task last suspended (System.nanoTime()). */
    long waitSinceNanos() {
        return waitSinceNanos;
    }

    /** The future the task is suspended on, or null. */
    Future<?> futWaiter() {
        return futWaiter;
    }

    /** Where the task is suspended: the frames of its thread, trimmed to user code. */
    public List<StackTraceElement> getStack() {
        return getStack(Integer.MAX_VALUE);
    }

    /**
     * The task's user frames while it is suspended, innermost first, at most {@code limit} (asyncio's
     * {@code Task.get_stack(limit=limit)}).
     */
    public List<StackTraceElement> getStack(int limit) {
        Thread t = thread;
        if (t == null || done()) {
            return new ArrayList<>();
        }
        return UserFrames.of(t == Thread.currentThread() ? new Throwable().getStackTrace() : t.getStackTrace(), limit);
    }

    /** Prints the stack like asyncio's {@code Task.print_stack()}. */
    public void printStack(PrintStream out) {
        List<StackTraceElement> frames = getStack();
        out.println("Stack for " + this + " (most recent call first):");
        if (frames.isEmpty()) {
            out.println("No stack for " + this);
        }
        for (StackTraceElement e : frames) {
            out.println("  at " + e);
        }
    }

    /** Prints the task's stack to System.err (asyncio's {@code Task.print_stack}). */
    public void printStack() {
        printStack(System.out);
    }

    /** The user frame where the task is suspended, or null (used by task views). */
    public StackTraceElement suspendedAt() {
        List<StackTraceElement> s = getStack(1);
        return s.isEmpty() ? null : s.get(0);
    }

    // ---- the machinery -------------------------------------------------------------------

    /** The task running on the current thread, or null (asyncio.current_task()). */
    public static Task<?> current() {
        Loop loop = Loop.runningOrNull();
        return loop == null ? null : loop.currentTaskOnThisThread();
    }

    static Task<?> currentOrFail(String what) {
        Loop loop = Loop.runningOrNull();
        if (loop == null) {
            throw new AsyncRuntimeError("cannot " + what + " outside a running task: no event loop is running here. "
                    + "Start the coroutine with jaio.Async.run(main) (in a jaio notebook, await works at top level).");
        }
        Task<?> t = loop.currentTaskOnThisThread();
        if (t == null) {
            throw new AsyncRuntimeError("cannot " + what + " from a callback: only code running in a task can await "
                    + "(wrap the code in a coroutine and schedule it with createTask).");
        }
        return t;
    }

    /** Loop callback: resume the task for one step (asyncio's {@code __step}). */
    void step() {
        if (!done()) {
            loop.runTaskStep(this);
        }
    }

    /** On the task's thread: suspend until {@code f} is done, then resume (awaiting a future). */
    void waitFor(Future<?> f) {
        if (f.loop != loop) {
            throw new AsyncRuntimeError("Task " + this + " got Future " + f + " attached to a different loop");
        }
        if (f == this) {
            throw new AsyncRuntimeError("Task cannot await on itself: " + this);
        }
        f.addDoneCallback(wakeup);
        futWaiter = f;
        if (mustCancel && f.cancel(cancelMessage)) {
            mustCancel = false;
        }
        suspend();
    }

    /** On the task's thread: give the loop up for exactly one iteration (a bare {@code yield}). */
    void yieldOnce() {
        loop.callSoon(stepCallback, context);
        if (waitWhat == null) {
            waitWhat = "the next loop iteration (sleep(0))";
        }
        suspend();
    }

    /**
     * On the task's thread: hand the loop back and park until the loop steps this task again.
     * Throws CancelledError if a cancellation arrived meanwhile (asyncio's must-cancel).
     */
    void suspend() {
        waitSinceNanos = System.nanoTime();
        stepping = false;
        endEagerStep();
        boolean interrupted = false;
        do {
            LockSupport.park(this);
            if (Thread.interrupted()) {
                // A park that returns at once while interrupted would spin without handing the
                // loop back; keep the interrupt for the user's next blocking call instead.
                interrupted = true;
            }
        } while (!stepping);
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        futWaiter = null;
        waitWhat = null;
        waitOn = null;
        if (mustCancel) {
            mustCancel = false;
            throw new CancelledError(cancelMessage);
        }
    }

    /** The body of the task's thread. */
    void runOnThread() {
        try {
            T value;
            if (mustCancel) {
                // Cancelled before its first step: the body never starts, as in asyncio.
                mustCancel = false;
                coro.close();
                throw new CancelledError(cancelMessage);
            }
            value = coro.runBody();
            if (mustCancel) {
                mustCancel = false;
                super.cancel(cancelMessage);
            } else {
                super.setResult(value);
            }
        } catch (CancelledError e) {
            cancelledError = e;
            super.cancel(e.getMessage());
        } catch (KeyboardInterrupt | SystemExit e) {
            super.setException(e);
            escaping = e;
        } catch (Throwable e) {
            super.setException(e);
        } finally {
            loop.taskDone(this);
            stepping = false;
            endEagerStep();
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Task ").append(stateName());
        List<StackTraceElement> stack = done() || thread == null ? List.of() : getStack();
        String coroName = coro.getName();
        if (coroName.contains("$$Lambda")) {
            // An unnamed async(() -> ...) body: the user knows it by the method that made it, the
            // outermost user frame of the running task (lambda$fetch$0 is fetch).
            coroName = stack.isEmpty() ? "<lambda>" : UserFrames.methodName(stack.getLast());
        }
        sb.append(" name='").append(getName()).append("' coro=<").append(coroName).append("()");
        if (!stack.isEmpty()) {
            sb.append(" running at ").append(UserFrames.location(stack.getFirst()));
        }
        sb.append('>');
        if (done() && !cancelled()) {
            Throwable ex = exceptionQuietly();
            if (ex != null) {
                sb.append(" exception=").append(ex);
            } else {
                sb.append(" result=").append(reprResult(result()));
            }
        }
        if (futWaiter != null) {
            sb.append(" wait_for=").append(futWaiter instanceof Task<?> t ? "<Task " + t.getName() + ">" : futWaiter);
        }
        return sb.append('>').toString();
    }
}
