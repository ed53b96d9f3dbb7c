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

    /** Whether {@code thread} is running snippet code right now (not JShell's compiler). */
    boolean isRunningUserCode(Thread thread) {
        return inUserCode.contains(thread);
    }

    /** JShell's text rendering of a value ({@code "s"} quoted, arrays listed). */
    static String plainText(Object value) {
        return valueString(value);
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
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
            Object value = doitMethod.invoke(null);
            lastOutcome.set(new Outcome(value, null));
            return valueString(value);
        } catch (InvocationTargetException e) {
            lastOutcome.set(new Outcome(null, e.getCause()));
            throw e;
        } finally {
            inUserCode.remove(me);
            if (held) {
                analysisLock.lock();
            }
        }
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
