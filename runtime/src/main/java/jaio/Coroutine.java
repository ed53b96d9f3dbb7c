package jaio;

import jaio.internal.Rethrow;

import java.lang.ref.Cleaner;

/**
 * A coroutine object: what calling an {@code async def} returns. Made by {@code Async.async(...)};
 * nothing runs until it is awaited (its body then runs in the awaiting task, like a plain call) or
 * wrapped in a task. Like a Python coroutine it can be awaited once only.
 *
 * <p>A coroutine dropped without ever being awaited is reported, as Python's "coroutine ... was
 * never awaited" RuntimeWarning, through the loop's exception handler. Python reports it when the
 * last reference goes; here the report comes when the garbage collector finds it (or at once, when
 * a host that compiled the dropping code says so, see {@link #dropped}). Watching every coroutine
 * would cost a cleaner registration each, so only those still neither started nor owned by a task
 * at the end of the loop callback that made them are watched (see {@link Loop#coroutineCreated}):
 * {@code createTask(async(...))} and {@code await fetch()} cost one list entry.
 *
 * <p>Invariant: {@code started} and {@code claimed} only go from false to true; once either is
 * true, the coroutine is never reported. Fields are touched only by the thread holding the loop
 * (its own thread or the task it steps), except {@link NeverAwaited#awaited}, which the cleaner
 * thread reads.
 */
public final class Coroutine<T> implements Awaitable<T> {
    /** Bound while a coroutine's body is stepped by hand: awaiting a coroutine there needs no task. */
    private static final ScopedValue<Boolean> BY_HAND = ScopedValue.newInstance();
    private static final Cleaner NEVER_AWAITED_WATCH = Cleaner.create(Thread.ofPlatform().daemon().name("jaio-coroutine-watch").factory());

    private final AsyncCallable<T> body;
    private final String name;
    private boolean started;
    /** A task owns it (it will run, or the task reports being destroyed while pending). */
    private boolean claimed;
    /** Where it was made: a Throwable in debug mode, the user's outermost frame a host recorded, or null. */
    private Object origin;
    /** The first frame a host recorded: the method that called {@code async(...)}, the coroutine function. */
    private StackTraceElement function;
    private NeverAwaited watch;

    Coroutine(String name, AsyncCallable<T> body) {
        this.body = body;
        this.name = name;
        Loop loop = Loop.runningOrNull();
        if (loop != null) {
            if (loop.getDebug()) {
                origin = new Throwable("coroutine created here");
            }
            loop.coroutineCreated(this);
        }
    }

    /**
     * The coroutine's name: the one given to {@code async(name, body)}; else the method that made
     * it, when a host recorded it ({@code Coroutine<String> fetch() { return async(() -> ...); }}
     * is {@code fetch}, as in Python); else its body's class.
     */
    public String getName() {
        if (name != null) {
            return name;
        }
        if (function != null && !function.getMethodName().contains("$")) {
            return UserFrames.translate(function).getMethodName();
        }
        return body.getClass().getSimpleName();
    }

    /** {@link #getName()} for reports: an anonymous body is {@code <lambda>}. */
    private String reportName() {
        String n = getName();
        return n.contains("$$Lambda") ? "<lambda>" : n;
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

    /** Started, closed or owned by a task: never to be reported. */
    boolean taken() {
        return started || claimed;
    }

    /** A task now owns it: its body will run in that task, so it is not "never awaited". */
    void claim() {
        claimed = true;
        if (watch != null) {
            watch.awaited = true;
        }
    }

    /**
     * A host's record of a user's frame that made it (the kernel knows the cell and line). Called
     * from the innermost call out, so the last is the outermost call site, the place a report
     * names. {@code byAsync}: the frame called {@code async(...)} itself, so its method is the
     * coroutine function ({@code fetch}).
     */
    void setOrigin(StackTraceElement frame, boolean byAsync) {
        if (byAsync && function == null) {
            function = frame;
        }
        if (!(origin instanceof Throwable)) {
            origin = frame;
        }
    }

    /**
     * The value of a call was thrown away right here (a host that compiled the code saw it): if it
     * is a coroutine never started, it is reported now, as Python does when the last reference goes.
     */
    static void dropped(Object value, StackTraceElement frame) {
        if (value instanceof Coroutine<?> c && !c.taken()) {
            c.setOrigin(frame, false);
            c.markStarted();
            Loop loop = Loop.runningOrNull();
            ExceptionContext report = neverAwaited(c.reportName(), c.origin);
            if (loop != null) {
                loop.callExceptionHandler(report);
            } else {
                Loop.newEventLoop().defaultExceptionHandler(report);
            }
        }
    }

    /** Called by the loop at the end of the callback that made it: watches it if nothing took it. */
    void watchIfUnclaimed(Loop loop, Context context) {
        if (!taken() && watch == null) {
            watch = new NeverAwaited(this, loop, context);
            NEVER_AWAITED_WATCH.register(this, watch);
        }
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

    /**
     * The report: message and, as the exception, where it was made (debug mode); a frame a host
     * recorded goes under {@code "created_at"}, translated for the user (see {@link UserFrames}).
     * {@code "warning"} says it is Python's RuntimeWarning, not an error.
     */
    private static ExceptionContext neverAwaited(String name, Object origin) {
        ExceptionContext c = ExceptionContext.of("coroutine '" + name + "' was never awaited",
                origin instanceof Throwable t ? t : null).with("warning", "RuntimeWarning");
        if (origin instanceof StackTraceElement frame) {
            c.with("created_at", UserFrames.translate(frame));
        }
        return c;
    }

    /** The cleanup action: must not reference the coroutine itself, or it would never be collected. */
    private static final class NeverAwaited implements Runnable {
        final String name;
        final Loop loop;
        final Object origin;
        final Context context;
        volatile boolean awaited;

        NeverAwaited(Coroutine<?> coro, Loop loop, Context context) {
            this.name = coro.reportName();
            this.loop = loop;
            this.origin = coro.origin;
            this.context = context;
        }

        @Override
        public void run() {
            if (!awaited && !loop.isClosed()) {
                // In the context of the code that made it, so a host can tell whose it was.
                loop.callSoonThreadsafe(() -> loop.callExceptionHandler(neverAwaited(name, origin)), context);
            }
        }
    }
}
