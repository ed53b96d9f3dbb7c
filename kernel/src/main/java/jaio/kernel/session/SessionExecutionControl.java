package jaio.kernel.session;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * JShell's execution engine for the session: snippets run in this JVM, on the thread that called
 * {@code JShell.eval} (as {@link DirectExecutionControl} does), which is the cell's task, so an
 * await inside a snippet parks the cell's task and lets the loop run others. Classes load through
 * the {@link SnippetLoaderDelegate} (instrumented, kernel libraries hidden).
 *
 * <p>Two additions:
 * <ul>
 * <li>The value or the exception of the last invocation on this thread is kept as the object
 *     itself ({@link #takeOutcome()}), for rich display and for telling cancellations, exits and
 *     out-of-memory errors apart (JShell only passes names and strings on).</li>
 * <li>{@link #analysisLock()}: JShell's compiler state is not thread-safe, so evaluation holds this
 *     lock, except while user code runs, and completion/inspection take it too. Completion is
 *     therefore answered while a cell awaits or runs.</li>
 * <li>{@link #beforeInvoke}: the evaluating thread learns which snippet class is about to run
 *     while it still holds the lock, so the frames of a snippet that is still running (a cell
 *     awaiting, the tasks it started) can be mapped to the cell before JShell's eval returns.</li>
 * </ul>
 */
final class SessionExecutionControl extends DirectExecutionControl {

    /** What the last snippet invocation on a thread produced: its value or what it threw. */
    record Outcome(Object value, Throwable thrown) {}

    private final SnippetLoaderDelegate loader;
    private final ReentrantLock analysisLock = new ReentrantLock();
    private final ThreadLocal<Outcome> lastOutcome = new ThreadLocal<>();
    private volatile boolean ignoreClasspathChanges;
    private final java.util.Set<Thread> inUserCode = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ThreadLocal<java.util.function.Consumer<Class<?>>> beforeInvoke = new ThreadLocal<>();

    SessionExecutionControl(SnippetLoaderDelegate loader) {
        super(loader);
        this.loader = loader;
    }

    ReentrantLock analysisLock() {
        return analysisLock;
    }

    SnippetLoaderDelegate loaderDelegate() {
        return loader;
    }

    /** While true, JShell's addToClasspath changes only the compiler's class path (used at start). */
    void ignoreClasspathChanges(boolean ignore) {
        ignoreClasspathChanges = ignore;
    }

    /** The outcome of the last invocation on this thread, then forgets it. */
    Outcome takeOutcome() {
        Outcome o = lastOutcome.get();
        lastOutcome.remove();
        return o;
    }

    /**
     * Headroom dropped when a cell runs out of memory, so the kernel can still report it. 1 MB: the
     * report needs kilobytes, and the reserve is live heap for the kernel's whole life (it was 4 MB).
     */
    private static final int RESERVE_BYTES = 1 << 20;
    private volatile byte[] memoryReserve = new byte[RESERVE_BYTES];
    private volatile java.util.List<String> releasedAfterOutOfMemory = java.util.List.of();

    /**
     * After an OutOfMemoryError in a cell: the names of the variables that were set to null to free
     * the memory (cleared by this call); also restores the memory reserve.
     */
    java.util.List<String> takeReleasedAfterOutOfMemory() {
        java.util.List<String> r = releasedAfterOutOfMemory;
        releasedAfterOutOfMemory = java.util.List.of();
        if (memoryReserve == null) {
            try {
                memoryReserve = new byte[RESERVE_BYTES];
            } catch (OutOfMemoryError stillFull) {
                // Try again after the next cell.
            }
        }
        return r;
    }

    /** Drops the memory reserve and the variables of the cell's classes (idempotent per cell). */
    void releaseAfterOutOfMemory() {
        memoryReserve = null;
        java.util.List<String> cleared = releaseStaticsOfRecentClasses();
        if (!cleared.isEmpty()) {
            releasedAfterOutOfMemory = cleared;
        }
    }

    /**
     * Clears the static reference fields (the variables) of the snippet classes loaded since the
     * cell started, so what the cell allocated can be collected.
     */
    private java.util.List<String> releaseStaticsOfRecentClasses() {
        java.util.List<String> cleared = new java.util.ArrayList<>();
        for (Class<?> c : loader.takeRecentlyLoaded()) {
            for (java.lang.reflect.Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (java.lang.reflect.Modifier.isStatic(mod) && !java.lang.reflect.Modifier.isFinal(mod) && !f.getType().isPrimitive()) {
                    try {
                        f.setAccessible(true);
                        f.set(null, null);
                        cleared.add(f.getName());
                    } catch (ReflectiveOperationException | RuntimeException e) {
                        // Not clearable: leave it.
                    }
                }
            }
        }
        return cleared;
    }

    /**
     * Sets what this thread's next invocations tell, with the analysis lock held, before the
     * snippet's code runs (null: nothing); returns what was set before, to restore after the eval.
     */
    java.util.function.Consumer<Class<?>> beforeInvoke(java.util.function.Consumer<Class<?>> hook) {
        java.util.function.Consumer<Class<?>> previous = beforeInvoke.get();
        beforeInvoke.set(hook);
        return previous;
    }

    /** Whether {@code thread} is running snippet code right now (not JShell's compiler). */
    boolean isRunningUserCode(Thread thread) {
        return inUserCode.contains(thread);
    }

    /** JShell's text rendering of a value ({@code "s"} quoted, arrays listed), within a budget ({@link ValueText}). */
    static String plainText(Object value) {
        return ValueText.of(value);
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        java.util.function.Consumer<Class<?>> hook = beforeInvoke.get();
        if (hook != null) {
            try {
                hook.accept(doitMethod.getDeclaringClass());
            } catch (RuntimeException e) {
                // Only frames lose their cell line; the snippet still runs.
            }
        }
        boolean held = analysisLock.isHeldByCurrentThread();
        if (held) {
            analysisLock.unlock();
        }
        Thread me = Thread.currentThread();
        inUserCode.add(me);
        try {
            if (CellGuard.clear(me)) {
                // Interrupted while JShell compiled: stop before user code can block uninterruptibly.
                throw new InvocationTargetException(new jaio.KeyboardInterrupt("interrupted by the user"));
            }
            Object value;
            UserCodeClock.entering();
            try {
                value = doitMethod.invoke(null);
            } finally {
                UserCodeClock.leaving();
            }
            lastOutcome.set(new Outcome(value, null));
            // JShell wants a string for every snippet; the cell shows the object itself (Outcome), so
            // no toString of the user's runs here: it ran twice for every shown value, and for
            // every variable declared (var big = ...;) where nothing is shown.
            return value == null ? "null" : value.getClass().getName();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof OutOfMemoryError) {
                // Free memory before anything else allocates: JShell still has to build its report.
                releaseAfterOutOfMemory();
            }
            lastOutcome.set(new Outcome(null, e.getCause()));
            throw e;
        } finally {
            inUserCode.remove(me);
            if (held) {
                analysisLock.lock();
            }
        }
    }

    /**
     * Runs the {@code do_it$} method of {@code className} (loaded through {@link #load}) on this thread,
     * exactly as JShell's {@code invoke} runs a snippet's: the {@link #beforeInvoke} hook, the lock
     * released while it runs, interrupts, the outcome kept. Returns the outcome (its value, or what
     * it threw).
     */
    Outcome invokeDoIt(String className) {
        lastOutcome.remove();
        Method doIt;
        try {
            doIt = findClass(className).getDeclaredMethod("do_it$");
            doIt.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot run " + className + ": " + e, e);
        }
        try {
            clientCodeEnter();
            invoke(doIt);
            System.out.flush();
        } catch (InvocationTargetException e) {
            // invoke kept the outcome (what the snippet threw).
        } catch (Exception e) {
            lastOutcome.set(new Outcome(null, e));
        } finally {
            try {
                clientCodeLeave();
            } catch (InternalException e) {
                // Nothing to undo: this engine runs in the kernel's JVM.
            }
        }
        return takeOutcome();
    }

    /** {@code thrown}, raised by snippet code, as JShell's own engine reports it to JShell (message, class name, stack; causes likewise). */
    RunException asRunException(Throwable thrown) {
        try {
            throwConvertedInvocationException(thrown);
        } catch (RunException e) {
            return e;
        } catch (InternalException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("not converted: " + thrown);
    }

    @Override
    public void addToClasspath(String cp) throws EngineTerminationException, InternalException {
        if (!ignoreClasspathChanges) {
            super.addToClasspath(cp);
        }
    }

    @Override
    public void stop() {
        // Interrupts go through JavaSession.interrupt, which knows the cell's task.
    }

    /** Hands this (already built) control to JShell. */
    ExecutionControlProvider provider() {
        SessionExecutionControl self = this;
        return new ExecutionControlProvider() {
            @Override
            public String name() {
                return "jaio";
            }

            @Override
            public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return self;
            }
        };
    }
}
