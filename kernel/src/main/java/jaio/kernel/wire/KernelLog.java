package jaio.kernel.wire;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The kernel's diagnostics, written to the real stderr captured at start-up. Jupyter shows a kernel's
 * stderr in the server log; a cell's own System.err is redirected to the notebook later, so this
 * keeps a reference to the original stream.
 */
public final class KernelLog {

    private static final PrintStream ERR = System.err;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static volatile boolean debug = System.getenv("JAIO_KERNEL_DEBUG") != null;

    private KernelLog() {
    }

    public static void warn(String message) {
        write("WARN", message, null);
    }

    public static void error(String message, Throwable t) {
        write("ERROR", message, t);
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
