package jaio.kernel.wire;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The kernel's diagnostics, written to the process's own standard error (file descriptor 2), which
 * Jupyter shows in the server log. Never through {@code System.err}: the session replaces that by a
 * stream that routes to the running cell, and whichever of the two classes initialises first must
 * not decide whether the kernel's log lands in a user's notebook.
 *
 * <p>Messages caused by peers (dropped frames, unknown message types) go through
 * {@link #warnLimited}, so a flood of them cannot grow the log without bound: each kind has a
 * budget per window ({@link LogThrottle}), and what was held back is counted in one summary line.
 */
public final class KernelLog {

    private static final PrintStream ERR = new PrintStream(
            new FileOutputStream(FileDescriptor.err), false, StandardCharsets.UTF_8);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    /** Keyed by the callers' constant kinds, so the map holds a handful of entries. */
    private static final Map<String, LogThrottle> THROTTLES = new ConcurrentHashMap<>();
    private static volatile boolean debug = System.getenv("JAIO_KERNEL_DEBUG") != null;

    private KernelLog() {
    }

    public static void warn(String message) {
        write("WARN", message, null);
    }

    /**
     * A warning about something a peer sent: at most {@link LogThrottle#BUDGET} lines of one
     * {@code kind} per {@link LogThrottle#WINDOW}; the rest are counted and reported together.
     * {@code kind} must come from a fixed set (a constant), not from the peer's data.
     */
    public static void warnLimited(String kind, String message) {
        LogThrottle throttle = THROTTLES.computeIfAbsent(kind, k -> new LogThrottle());
        LogThrottle.Verdict v = throttle.admit(System.nanoTime());
        if (v.suppressedBefore() > 0) {
            write("WARN", kind + ": " + v.suppressedBefore() + " more like this were not logged in the last "
                    + LogThrottle.WINDOW.toSeconds() + " s", null);
        }
        if (v.log()) {
            write("WARN", message + (v.lastOfWindow() ? " (further ones in the next "
                    + LogThrottle.WINDOW.toSeconds() + " s are only counted)" : ""), null);
        }
    }

    public static void error(String message, Throwable t) {
        write("ERROR", message, t);
    }

    /** True when debug lines are written ({@code JAIO_KERNEL_DEBUG} set): to skip building costly ones. */
    public static boolean debugEnabled() {
        return debug;
    }

    public static void debug(String message) {
        if (debug) {
            write("DEBUG", message, null);
        }
    }

    private static void write(String level, String message, Throwable t) {
        synchronized (ERR) {
            ERR.println("[jaio " + TIME.format(LocalTime.now()) + " " + level + " "
                    + Thread.currentThread().getName() + "] " + message);
            if (t != null) {
                t.printStackTrace(ERR);
            }
            ERR.flush();
        }
    }
}
