package jaio.kernel.session;

import java.math.BigDecimal;
import java.math.MathContext;

/** Durations as IPython's {@code %time} and {@code %timeit} print them ({@code IPython.core.magics.execution._format_time}). */
public final class TimeFormat {
    private static final String[] UNITS = {"s", "ms", "µs", "ns"};
    private static final double[] SCALING = {1, 1e3, 1e6, 1e9};

    private TimeFormat() {}

    /** {@code seconds} with three significant digits in the unit that fits: "301 ms", "1.5 µs", "2min 3s". */
    public static String format(double seconds) {
        return format(seconds, 3);
    }

    public static String format(double seconds, int precision) {
        if (seconds >= 60.0) {
            String[] suffixes = {"d", "h", "min", "s"};
            long[] lengths = {86400, 3600, 60, 1};
            StringBuilder sb = new StringBuilder();
            double leftover = seconds;
            for (int i = 0; i < suffixes.length; i++) {
                long value = (long) (leftover / lengths[i]);
                if (value > 0) {
                    leftover = leftover % lengths[i];
                    if (!sb.isEmpty()) {
                        sb.append(' ');
                    }
                    sb.append(value).append(suffixes[i]);
                }
                if (leftover < 1) {
                    break;
                }
            }
            return sb.toString();
        }
        int order = seconds > 0.0 ? Math.min(-(int) Math.floor(Math.floor(Math.log10(seconds)) / 3), 3) : 3;
        return general(seconds * SCALING[order], precision) + " " + UNITS[order];
    }

    /** Python's {@code "%.*g" % (precision, x)} for x >= 0. */
    static String general(double x, int precision) {
        if (x == 0) {
            return "0";
        }
        BigDecimal rounded = new BigDecimal(x).round(new MathContext(precision));
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= precision) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            return mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
