package jaio.kernel.session;

import java.lang.reflect.Array;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The {@code text/plain} of a cell's value, within a budget, as IPython's pretty printer bounds its
 * output: at most {@value #MAX_ITEMS} elements of a collection, map or array (IPython's
 * {@code max_seq_length}), {@value #MAX_DEPTH} levels of nesting, {@value #MAX_CHARS} characters in
 * all, a collection inside itself shown as {@code [...]}. Otherwise as JShell shows values: strings
 * and chars quoted and escaped, arrays as {@code int[3] { 1, 2, 3 }}, collections and maps as their
 * toString would. What was left out is marked where it was cut ({@code ...}) and named in a last
 * line, so a list nested 100 000 deep is shown at once instead of after 30 s.
 *
 * <p>Containers are walked here rather than through their {@code toString}, which has no budget
 * (and overflows the stack on deep nesting); other objects give their own {@code toString},
 * truncated.
 *
 * <p>Time: a value's own {@code toString} (a user's class) may loop or sleep. After
 * {@value #MAX_MILLIS} ms of rendering, the rendering thread is interrupted as a user's interrupt
 * would stop it (a {@code KeyboardInterrupt} at the next loop back-edge of cell code, a
 * {@code Thread.interrupt} for a sleep or a wait), what was rendered so far is kept, the unfinished
 * {@code toString} shows as {@code <Foo.toString() did not finish>} and the last line says so.
 * Code that neither loops in a cell's classes nor blocks interruptibly cannot be stopped this way
 * (as it cannot by an interrupt).
 *
 * <p>Not thread-safe: one instance renders one value on one thread; the watchdog only sets
 * {@code outOfTime} and interrupts that thread, under the instance's lock, and never after the
 * rendering ended.
 */
final class ValueText {

    static final int MAX_ITEMS = 1000;
    static final int MAX_DEPTH = 50;
    static final int MAX_CHARS = 100_000;
    static final long MAX_MILLIS = 5_000;

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("jaio-display-budget").factory());

    private final StringBuilder out = new StringBuilder();
    private final IdentityHashMap<Object, Boolean> open = new IdentityHashMap<>();
    private boolean cutItems;
    private boolean cutDepth;
    private boolean cutChars;
    private final Thread renderer = Thread.currentThread();
    private boolean rendering = true;
    private volatile boolean outOfTime;

    private ValueText() {}

    static String of(Object value) {
        ValueText t = new ValueText();
        ScheduledFuture<?> alarm = WATCHDOG.schedule(t::timeUp, MAX_MILLIS, TimeUnit.MILLISECONDS);
        try {
            t.append(value, 0, true);
        } finally {
            alarm.cancel(false);
            t.ended();
        }
        return t.result();
    }

    /** The watchdog: stops the rendering thread as an interrupt would, unless it already ended. */
    private synchronized void timeUp() {
        if (rendering) {
            outOfTime = true;
            CellGuard.request(renderer);
            renderer.interrupt();
        }
    }

    /** The rendering ended: withdraws what the watchdog asked of the thread, so the cell goes on undisturbed. */
    private synchronized void ended() {
        rendering = false;
        if (outOfTime) {
            CellGuard.clear(renderer);
            Thread.interrupted();
        }
    }

    /** {@code v.toString()}, or a marker when the time budget stopped it. */
    private String textOf(Object v) {
        try {
            return String.valueOf(v);
        } catch (RuntimeException | Error e) {
            if (!outOfTime) {
                throw e;
            }
            String name = v.getClass().getSimpleName();
            return "<" + (name.isEmpty() ? v.getClass().getName() : name) + ".toString() did not finish>";
        }
    }

    private String result() {
        if (out.length() > MAX_CHARS) {
            out.setLength(MAX_CHARS);
            out.append("...");
            cutChars = true;
        }
        if (!cutItems && !cutDepth && !cutChars && !outOfTime) {
            return out.toString();
        }
        StringBuilder why = new StringBuilder("\n(display cut at ");
        String sep = "";
        if (cutItems) {
            why.append(MAX_ITEMS).append(" elements per collection");
            sep = ", ";
        }
        if (cutDepth) {
            why.append(sep).append(MAX_DEPTH).append(" levels of nesting");
            sep = ", ";
        }
        if (cutChars) {
            why.append(sep).append(MAX_CHARS).append(" characters");
            sep = ", ";
        }
        if (outOfTime) {
            why.append(sep).append(MAX_MILLIS / 1000).append(" s: a toString took too long");
        }
        return out.append(why).append(": print parts of the value to see the rest)").toString();
    }

    private boolean full() {
        return out.length() > MAX_CHARS || outOfTime;
    }

    /** {@code quoted}: strings and chars as literals (the value itself, array elements) or as their toString (inside collections). */
    private void append(Object v, int depth, boolean quoted) {
        if (full()) {
            return;
        }
        if (v == null) {
            out.append("null");
        } else if (quoted && v instanceof String s) {
            quote(s, '"');
        } else if (quoted && v instanceof Character c) {
            quote(String.valueOf(c), '\'');
        } else if (v.getClass().isArray() || (v instanceof Collection<?> || v instanceof Map<?, ?>) && jdkToString(v)) {
            container(v, depth);
        } else {
            String s = textOf(v);
            out.append(s, 0, Math.min(s.length(), MAX_CHARS + 1 - out.length() + 1));
        }
    }

    private void container(Object v, int depth) {
        boolean isMap = v instanceof Map<?, ?>;
        String openBracket = isMap ? "{" : v.getClass().isArray() ? arrayPrefix(v) : "[";
        String close = isMap ? "}" : v.getClass().isArray() ? " }" : "]";
        if (open.containsKey(v)) {
            out.append(openBracket).append("...").append(close);
            return;
        }
        if (depth >= MAX_DEPTH) {
            cutDepth = true;
            out.append(openBracket).append("...").append(close);
            return;
        }
        open.put(v, Boolean.TRUE);
        try {
            out.append(openBracket);
            Iterator<?> it = isMap ? ((Map<?, ?>) v).entrySet().iterator()
                    : v instanceof Collection<?> c ? c.iterator() : null;
            int length = v.getClass().isArray() ? Array.getLength(v) : -1;
            int i = 0;
            while (it != null ? it.hasNext() : i < length) {
                if (full()) {
                    return;
                }
                if (i > 0) {
                    out.append(", ");
                }
                if (i == MAX_ITEMS) {
                    cutItems = true;
                    out.append("...");
                    break;
                }
                if (isMap) {
                    Map.Entry<?, ?> e = (Map.Entry<?, ?>) it.next();
                    append(e.getKey(), depth + 1, false);
                    out.append('=');
                    append(e.getValue(), depth + 1, false);
                } else if (it != null) {
                    append(it.next(), depth + 1, false);
                } else {
                    append(Array.get(v, i), depth + 1, true);
                }
                i++;
            }
            out.append(close);
        } finally {
            open.remove(v);
        }
    }

    /** Whether {@code v} prints itself as the JDK's collections do (a user's own toString is kept). */
    private static boolean jdkToString(Object v) {
        try {
            return v.getClass().getMethod("toString").getDeclaringClass().getName().startsWith("java.");
        } catch (NoSuchMethodException e) {
            return true;
        }
    }

    /** JShell shows arrays as {@code int[3] { 1, 2, 3 }}. */
    private static String arrayPrefix(Object array) {
        String type = array.getClass().getComponentType().getSimpleName();
        return type + "[" + Array.getLength(array) + "] { ";
    }

    private void quote(String s, char q) {
        out.append(q);
        int limit = Math.min(s.length(), MAX_CHARS + 1 - out.length() + 1);
        for (int i = 0; i < Math.max(0, limit); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c == q) {
                        out.append('\\').append(c);
                    } else if (c < 0x20) {
                        out.append(String.format("\\%o", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append(q);
    }
}
