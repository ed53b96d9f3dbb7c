package jaio.kernel.session;

import jaio.KeyboardInterrupt;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The static hooks that {@link SnippetInstrumenter} weaves into snippet classes. Public because the
 * woven calls come from classes of the snippet loader; not meant to be called by users.
 *
 * <p>{@link #checkpoint()} runs at every loop back-edge, so its fast path is one volatile read.
 * An interrupt is requested for one thread (the cell's task thread) and fires once, in that
 * thread only: background tasks and other threads running the same code are not affected.
 */
public final class CellGuard {
    private static final Set<Thread> PENDING = ConcurrentHashMap.newKeySet();
    private static final AtomicInteger PENDING_COUNT = new AtomicInteger();
    private static volatile boolean anyPending;

    private CellGuard() {}

    /** Woven at loop back-edges: throws {@link KeyboardInterrupt} if this thread was asked to stop. */
    public static void checkpoint() {
        if (anyPending) {
            fire();
        }
    }

    private static void fire() {
        if (clear(Thread.currentThread())) {
            throw new KeyboardInterrupt("interrupted by the user");
        }
    }

    /** Asks {@code thread}'s next back-edge to throw {@link KeyboardInterrupt}. */
    static void request(Thread thread) {
        if (PENDING.add(thread)) {
            PENDING_COUNT.incrementAndGet();
            anyPending = true;
        }
    }

    /** Withdraws a request for {@code thread}; true if there was one. */
    static boolean clear(Thread thread) {
        if (PENDING.remove(thread)) {
            anyPending = PENDING_COUNT.decrementAndGet() > 0;
            return true;
        }
        return false;
    }

    /** Replaces {@code System.exit(status)}. */
    public static void systemExit(int status) {
        throw new CellExit("System.exit", status);
    }

    /** Replaces {@code runtime.exit(status)}. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new CellExit("Runtime.exit", status);
    }

    /** Replaces {@code runtime.halt(status)}. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new CellExit("Runtime.halt", status);
    }
}
