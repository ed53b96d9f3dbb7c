package jaio.examples;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * The few Python built-ins the ported seed examples print with: {@code str}, {@code repr},
 * {@code "...{}...".format(...)}, {@code time.time()} and {@code time.strftime('%X')}. They exist so
 * that a ported line prints exactly what CPython prints (True/False, None, {@code ['a', 'b']},
 * {@code ValueError('boom')}, {@code 2.0029137134552}).
 */
final class Py {
    private Py() {}

    /** Python's {@code str(x)}. */
    static String str(Object x) {
        if (x instanceof String s) {
            return s;
        }
        return repr(x);
    }

    /** Python's {@code repr(x)} for the values the examples print. */
    static String repr(Object x) {
        if (x == null) {
            return "None";
        }
        if (x instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (x instanceof String s) {
            return reprString(s);
        }
        if (x instanceof Double d) {
            return reprFloat(d);
        }
        if (x instanceof Float f) {
            return reprFloat(f.doubleValue());
        }
        if (x instanceof Throwable t) {
            // Python: ValueError('boom'); CancelledError() when there is no message.
            String name = t.getClass().getSimpleName();
            return name + "(" + (t.getMessage() == null ? "" : reprString(t.getMessage())) + ")";
        }
        if (x instanceof Collection<?> c) {
            return join(c.iterator(), "[", "]");
        }
        if (x instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (sb.length() > 1) {
                    sb.append(", ");
                }
                sb.append(repr(e.getKey())).append(": ").append(repr(e.getValue()));
            }
            return sb.append('}').toString();
        }
        return String.valueOf(x);
    }

    /** {@code template.format(args)} with positional {@code {}} fields only. */
    static String format(String template, Object... args) {
        StringBuilder sb = new StringBuilder();
        int arg = 0;
        int i = 0;
        while (i < template.length()) {
            int at = template.indexOf("{}", i);
            if (at < 0) {
                sb.append(template, i, template.length());
                break;
            }
            sb.append(template, i, at).append(str(args[arg++]));
            i = at + 2;
        }
        return sb.toString();
    }

    /** {@code time.time()}: seconds since the epoch, as a float. */
    static double time() {
        java.time.Instant now = java.time.Instant.now();
        return now.getEpochSecond() + now.getNano() / 1e9;
    }

    /** {@code time.strftime('%X')} in the C locale: HH:MM:SS. */
    static String strftimeX() {
        return LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss"));
    }

    private static String join(Iterator<?> it, String open, String close) {
        StringBuilder sb = new StringBuilder(open);
        while (it.hasNext()) {
            sb.append(repr(it.next()));
            if (it.hasNext()) {
                sb.append(", ");
            }
        }
        return sb.append(close).toString();
    }

    private static String reprString(String s) {
        char quote = s.contains("'") && !s.contains("\"") ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(quote);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c == quote) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.append(quote).toString();
    }

    /** Python's float repr: the shortest round-tripping digits (as Java's), plain between 1e-4 and 1e16. */
    private static String reprFloat(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        double a = Math.abs(d);
        BigDecimal shortest = new BigDecimal(Double.toString(d));
        if (a == 0 || (a >= 1e-4 && a < 1e16)) {
            String plain = shortest.toPlainString();
            return plain.contains(".") ? plain : plain + ".0";
        }
        BigDecimal unscaled = shortest.stripTrailingZeros();
        int exponent = unscaled.precision() - unscaled.scale() - 1;
        String digits = unscaled.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }
}
