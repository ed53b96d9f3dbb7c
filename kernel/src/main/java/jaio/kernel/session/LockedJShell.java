package jaio.kernel.session;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import jdk.jshell.JShell;

/**
 * The session's JShell behind its one lock. JShell's compiler state is not thread-safe and three
 * kinds of threads use it: a cell's task (evaluation), the helper thread (completion, inspection,
 * is_complete) and the session's start (prelude, class path). Every use goes through {@link #call}.
 *
 * <p>The lock is {@link SessionExecutionControl#analysisLock()}: the execution control releases it
 * while user code runs inside an evaluation, so completion answers while a cell awaits or computes;
 * it is reentrant, so a magic may call into JShell from the cell's task.
 */
final class LockedJShell {
    private final JShell jshell;
    private final ReentrantLock lock;

    LockedJShell(JShell jshell, ReentrantLock lock) {
        this.jshell = jshell;
        this.lock = lock;
    }

    /** Runs {@code action} with the JShell, under the lock. */
    <T> T call(Function<JShell, T> action) {
        lock.lock();
        try {
            return action.apply(jshell);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code action} with the JShell, under the lock. */
    void run(Consumer<JShell> action) {
        call(js -> {
            action.accept(js);
            return null;
        });
    }

    /** Closes the JShell (the session's end); a failure is reported, not thrown. */
    void close() {
        try {
            jshell.close();
        } catch (RuntimeException e) {
            OutputRouter.kernelErr().println("jaio: closing JShell: " + e);
        }
    }
}
