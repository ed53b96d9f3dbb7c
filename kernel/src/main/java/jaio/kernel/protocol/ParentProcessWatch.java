package jaio.kernel.protocol;

import jaio.kernel.wire.KernelLog;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ends the kernel when the process that started it dies ({@code JPY_PARENT_PID}), so a crashed
 * frontend leaves no orphan kernel behind.
 *
 * <p>{@link ProcessHandle#onExit()} is the notification, but for a process that is not our child the
 * JDK can only poll, with a period that grows by 30 ms per check up to 5 s; a liveness check every
 * 500 ms bounds the delay to well under the 2 s promised. Both paths fire {@code onDeath} once.
 */
public final class ParentProcessWatch {

    private static final long CHECK_MS = 500;

    private ParentProcessWatch() {
    }

    /** The pid in {@code JPY_PARENT_PID}, if set to a number; a malformed value is logged and ignored. */
    public static Optional<Long> parentPidFromEnvironment() {
        String value = System.getenv("JPY_PARENT_PID");
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            KernelLog.warn("JPY_PARENT_PID=\"" + value + "\" is not a pid; the parent is not watched");
            return Optional.empty();
        }
    }

    /** Runs {@code onDeath} once, soon after process {@code pid} has ended (at once if it is already gone). */
    public static void watch(long pid, Runnable onDeath) {
        AtomicBoolean fired = new AtomicBoolean();
        Runnable once = () -> {
            if (fired.compareAndSet(false, true)) {
                KernelLog.warn("parent process " + pid + " ended: shutting down");
                onDeath.run();
            }
        };
        Optional<ProcessHandle> parent = ProcessHandle.of(pid);
        if (parent.isEmpty() || !parent.get().isAlive()) {
            once.run();
            return;
        }
        ProcessHandle handle = parent.get();
        handle.onExit().thenRun(once);
        ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "jaio-parent-watch");
            t.setDaemon(true);
            return t;
        });
        checker.scheduleAtFixedRate(() -> {
            if (!handle.isAlive()) {
                checker.shutdown();
                once.run();
            }
        }, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
    }
}
