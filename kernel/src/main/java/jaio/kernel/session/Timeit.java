package jaio.kernel.session;

import java.util.Arrays;
import java.util.Locale;

/**
 * The measuring loop of {@code %timeit}, called from the snippet that {@link TimeitMagic} compiles
 * around the user's code: it runs on the cell's task, so the timed code may await. Public only
 * because snippet classes call it.
 *
 * <p>Follows IPython's {@code %timeit}: with no {@code -n}, the loop count is the first power of
 * ten whose run takes at least 0.2 s; then {@code repeat} runs of that many loops, each timed by
 * the wall clock; the result is the mean and the population standard deviation per loop.
 */
public final class Timeit {
    /** The timed code: a statement block or an expression (whose value is consumed). */
    @FunctionalInterface
    public interface Body {
        void run() throws Throwable;
    }

    private static volatile Object sink;

    private Timeit() {}

    /** Consumes an expression's value, so the JIT cannot drop the expression as unused. */
    public static void consume(Object value) {
        sink = value;
    }

    /** Measures {@code body}; {@code number} 0 picks the loop count. Prints the result line; returns the per-loop times in seconds. */
    public static double[] run(int number, int repeat, int precision, boolean quiet, Body body) throws Throwable {
        if (number == 0) {
            for (int index = 0; index < 10; index++) {
                number = (int) Math.pow(10, index);
                if (time(body, number) >= 0.2) {
                    break;
                }
            }
        }
        double[] perLoop = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            perLoop[i] = time(body, number) / number;
        }
        if (!quiet) {
            System.out.print(report(perLoop, number, precision));
        }
        return perLoop;
    }

    static String report(double[] perLoop, int number, int precision) {
        double best = Arrays.stream(perLoop).min().orElse(0);
        double worst = Arrays.stream(perLoop).max().orElse(0);
        double mean = Arrays.stream(perLoop).average().orElse(0);
        double variance = Arrays.stream(perLoop).map(x -> (x - mean) * (x - mean)).sum() / perLoop.length;
        StringBuilder sb = new StringBuilder();
        if (worst > 4 * best && best > 0 && worst > 1e-6) {
            sb.append(String.format(Locale.ROOT, "The slowest run took %.2f times longer than the fastest. "
                    + "This could mean that an intermediate result is being cached.%n", worst / best));
        }
        int runs = perLoop.length;
        sb.append(TimeFormat.format(mean, precision)).append(" ± ").append(TimeFormat.format(Math.sqrt(variance), precision))
                .append(" per loop (mean ± std. dev. of ").append(runs).append(" run").append(runs == 1 ? "" : "s").append(", ")
                .append(String.format(Locale.ROOT, "%,d", number)).append(" loop").append(number == 1 ? "" : "s").append(" each)\n");
        return sb.toString();
    }

    private static double time(Body body, int number) throws Throwable {
        long start = System.nanoTime();
        for (int i = 0; i < number; i++) {
            // The loop is kernel code, not instrumented: stop here when the user interrupts.
            CellGuard.checkpoint();
            body.run();
        }
        return (System.nanoTime() - start) / 1e9;
    }
}
