package jaio;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Test helper: collects lines the way Python's print() writes them (arguments joined by a space,
 * None for null, Python's repr inside lists, tuples and dicts), so tests compare against the exact
 * output CPython printed for the seed examples.
 */
public final class PyOut {
    /** A Python tuple, for return values such as {@code (5700, [1200, 1500, 3000])}. */
    public record Tuple(Object... items) {
        @Override
        public String toString() {
            StringJoiner j = new StringJoiner(", ", "(", items.length == 1 ? ",)" : ")");
            for (Object o : items) {
                j.add(repr(o));
            }
            return j.toString();
        }
    }

    final List<String> lines = new ArrayList<>();
    private final StringBuilder pending = new StringBuilder();

    /** print(*parts) */
    public synchronized void print(Object... parts) {
        printEnd("\n", parts);
    }

    /** print(*parts, end=end) */
    public synchronized void printEnd(String end, Object... parts) {
        StringJoiner j = new StringJoiner(" ");
        for (Object p : parts) {
            j.add(str(p));
        }
        pending.append(j).append(end);
        int nl;
        while ((nl = pending.indexOf("\n")) >= 0) {
            lines.add(pending.substring(0, nl));
            pending.delete(0, nl + 1);
        }
    }

    public synchronized List<String> lines() {
        List<String> all = new ArrayList<>(lines);
        if (!pending.isEmpty()) {
            all.add(pending.toString());
        }
        return all;
    }

    public static Tuple tuple(Object... items) {
        return new Tuple(items);
    }

    public static String str(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof String s) {
            return s;
        }
        return repr(o);
    }

    public static String repr(Object o) {
        if (o == null) {
            return "None";
        }
        if (o instanceof CharSequence s) {
            return "'" + s + "'";
        }
        if (o instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (o instanceof Map<?, ?> m) {
            StringJoiner j = new StringJoiner(", ", "{", "}");
            m.forEach((k, v) -> j.add(repr(k) + ": " + repr(v)));
            return j.toString();
        }
        if (o instanceof Collection<?> c) {
            StringJoiner j = new StringJoiner(", ", "[", "]");
            c.forEach(x -> j.add(repr(x)));
            return j.toString();
        }
        if (o instanceof Throwable t) {
            return t.getClass().getSimpleName() + "(" + (t.getMessage() == null ? "" : repr(t.getMessage())) + ")";
        }
        return String.valueOf(o);
    }
}
