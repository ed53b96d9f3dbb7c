package jaio.kernel.wire;

import java.time.Duration;

/**
 * A log budget for one kind of message: the first {@link #BUDGET} occurrences in a window are
 * logged, later ones only counted, and the count is reported by the first occurrence of a later
 * window. A flood therefore costs at most {@code BUDGET + 1} lines per window whatever its rate.
 *
 * <p>Thread-safe: {@link #admit} is synchronized; it is called only for messages already dropped,
 * whose handling is not a hot path.
 */
final class LogThrottle {

    static final int BUDGET = 5;
    static final Duration WINDOW = Duration.ofMinutes(1);

    /** Whether to log this occurrence, whether it is the last one logged in its window, and how many were held back before it. */
    record Verdict(boolean log, boolean lastOfWindow, long suppressedBefore) {
    }

    private long windowStart;
    private boolean started;
    private int logged;
    private long suppressed;

    synchronized Verdict admit(long nowNanos) {
        long reported = 0;
        if (!started || nowNanos - windowStart >= WINDOW.toNanos()) {
            reported = suppressed;
            started = true;
            windowStart = nowNanos;
            logged = 0;
            suppressed = 0;
        }
        if (logged < BUDGET) {
            logged++;
            return new Verdict(true, logged == BUDGET, reported);
        }
        suppressed++;
        return new Verdict(false, false, reported);
    }
}
