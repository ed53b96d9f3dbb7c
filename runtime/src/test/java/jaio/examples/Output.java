package jaio.examples;

import java.util.ArrayList;
import java.util.List;

/**
 * What a ported example printed. {@link #print} formats its arguments like Python's
 * {@code print(*args)} (separated by a space, each through {@code str}), and records when each line
 * was printed, so a test can check both the exact lines and their timing. Thread-safe: examples
 * that run blocking code in an executor print from worker threads.
 */
final class Output {
    private final long startNanos = System.nanoTime();
    private final List<String> lines = new ArrayList<>();
    private final List<Long> printedAt = new ArrayList<>();

    /** Python's {@code print(*args)}. */
    synchronized void print(Object... args) {
        StringBuilder sb = new StringBuilder();
        for (Object a : args) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(Py.str(a));
        }
        lines.add(sb.toString());
        printedAt.add(System.nanoTime());
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Seconds from the start of the example to the printing of line {@code index}. */
    synchronized double secondsAt(int index) {
        return (printedAt.get(index) - startNanos) / 1e9;
    }
}
