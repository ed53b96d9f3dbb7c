package jaio.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jaio.Async;
import jaio.Loop;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;

/**
 * Base of the seed-example tests: runs a ported script the way its Python original runs as a
 * program, and checks what it printed.
 *
 * <p>Each run gets a fresh current event loop for the test thread (what a new Python process has
 * behind {@code asyncio.get_event_loop()}), closed after the run. Ported code prints through
 * {@link #out}, which {@link #script} replaces for every run.
 *
 * <p><b>Time scale.</b> Every delay of the seeds (asyncio.sleep, time.sleep, call_later, …) is
 * written {@code secs(2)} / {@code millis(2)}: the seed's value times {@link #SCALE}, so the suite
 * stays fast. Scaling every delay by the same factor keeps the order of all events identical;
 * timing claims ("2 s, not 4 s") are checked against the scaled values.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD) // a loop that never stops fails the test
abstract class ExampleTest {
    /** Every delay of the seeds is multiplied by this (2 s in a seed is 0.2 s here). */
    static final double SCALE = 0.1;

    /** Where the ported code prints; a new one for every run. */
    protected Output out = new Output();

    /** A seed's delay in seconds, scaled: {@code asyncio.sleep(2)} → {@code sleep(secs(2))}. */
    static double secs(double seedSeconds) {
        return seedSeconds * SCALE;
    }

    /** A seed's delay in milliseconds, scaled: {@code time.sleep(3)} → {@code Thread.sleep(millis(3))}. */
    static long millis(double seedSeconds) {
        return Math.round(seedSeconds * SCALE * 1000);
    }

    /** A ported top-level script (the seed's module body or {@code if __name__ == '__main__':} block). */
    @FunctionalInterface
    interface Script {
        void run() throws Exception;
    }

    /** One run of a script: its printed lines, its wall time, and what it raised (null if nothing). */
    record Run(Output output, double seconds, Throwable raised) {
        List<String> lines() {
            return output.lines();
        }
    }

    /** Runs {@code body} once as a fresh program would. */
    Run script(Script body) {
        out = new Output();
        Loop loop = Async.newEventLoop();
        Async.setEventLoop(loop);
        long t0 = System.nanoTime();
        Throwable raised = null;
        try {
            body.run();
        } catch (Throwable t) {
            raised = t;
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        try {
            if (!loop.isClosed() && !loop.isRunning()) {
                loop.close();
            }
        } finally {
            Async.setEventLoop(null);
        }
        return new Run(out, seconds, raised);
    }

    /** Runs {@code body} {@code times} times; interleavings must come out the same on every run. */
    List<Run> scriptRepeated(int times, Script body) {
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            runs.add(script(body));
        }
        return runs;
    }

    /** A printed line that must match {@code regex} in full (timestamps, elapsed times). */
    static Pattern like(String regex) {
        return Pattern.compile(regex);
    }

    /**
     * Asserts the run raised nothing and printed exactly {@code expected}: each element is either a
     * String (the exact line) or a {@link #like} Pattern.
     */
    static void assertPrinted(Run run, Object... expected) {
        if (run.raised() != null) {
            throw new AssertionError("the example raised after printing " + run.lines(), run.raised());
        }
        assertLines(run, expected);
    }

    /** Asserts the run printed exactly {@code expected} (whatever it raised). */
    static void assertLines(Run run, Object... expected) {
        List<String> lines = run.lines();
        String context = "printed:\n" + String.join("\n", lines);
        assertEquals(expected.length, lines.size(), "number of lines; " + context);
        for (int i = 0; i < expected.length; i++) {
            Object e = expected[i];
            String line = lines.get(i);
            if (e instanceof Pattern p) {
                assertTrue(p.matcher(line).matches(), "line " + (i + 1) + " should match " + p + "; " + context);
            } else {
                assertEquals(e, line, "line " + (i + 1) + "; " + context);
            }
        }
    }

    /** Asserts every run printed exactly {@code expected}. */
    static void assertEveryRunPrinted(List<Run> runs, Object... expected) {
        for (int i = 0; i < runs.size(); i++) {
            try {
                assertPrinted(runs.get(i), expected);
            } catch (AssertionError e) {
                fail("run " + (i + 1) + " of " + runs.size() + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * The shortest wall time of the runs. A concurrency claim ("2 s, not 4 s") is checked on it: a
     * sequential execution could not make even one run that fast, while a busy machine only ever
     * makes runs slower. A lower bound (timers never fire early) checked on it holds for all runs.
     */
    static double fastest(List<Run> runs) {
        return runs.stream().mapToDouble(Run::seconds).min().orElseThrow();
    }

    /** The number printed after {@code prefix} on a line (an elapsed time or a timestamp). */
    static double numberAfter(String prefix, String line) {
        assertTrue(line.startsWith(prefix), line);
        return Double.parseDouble(line.substring(prefix.length()));
    }
}
