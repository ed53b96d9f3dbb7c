package jaio;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The user's frames of a stack: jaio's and the JDK's own frames left out, each frame passed through
 * a translator that a host may install (the notebook kernel turns a snippet's frame into the cell
 * and line the user typed). Used by {@link Task#getStack()} and {@link CallGraphs}.
 */
public final class UserFrames {
    private static volatile UnaryOperator<StackTraceElement> translator = UnaryOperator.identity();

    private UserFrames() {}

    /**
     * Installs the translation applied to every user frame (one per JVM: the host's). It returns
     * the frame as the user knows it, or null for a frame of the host's own code (a notebook
     * kernel's cell runner under the cell's code), which is left out.
     */
    public static void setTranslator(UnaryOperator<StackTraceElement> t) {
        translator = Objects.requireNonNull(t, "translator");
    }

    /** The user frames of {@code stack}, innermost first, translated; at most {@code limit}. */
    public static List<StackTraceElement> of(StackTraceElement[] stack, int limit) {
        List<StackTraceElement> out = new ArrayList<>();
        for (StackTraceElement e : stack) {
            if (out.size() >= limit) {
                break;
            }
            if (!StackFrames.isInternal(e)) {
                StackTraceElement t = translate(e);
                if (t != null) {
                    out.add(t);
                }
            }
        }
        return out;
    }

    /** {@code e} as the user knows it, or null when it is the host's own frame. */
    static StackTraceElement translate(StackTraceElement e) {
        try {
            return translator.apply(e);
        } catch (RuntimeException ex) {
            return e; // a failing translation must not hide the frame
        }
    }

    /**
     * Where a frame is, as a repr prints it: {@code file:line} as asyncio does, or {@code file line N}
     * when the translator named a place that is not a file path ({@code cell [4] line 2}).
     */
    public static String location(StackTraceElement e) {
        String f = String.valueOf(e.getFileName());
        return f.contains(" ") ? f + " line " + e.getLineNumber() : f + ":" + e.getLineNumber();
    }

    /**
     * The name a user knows a frame's method by: a coroutine's body is a lambda the compiler names
     * {@code lambda$say$0}; the user wrote {@code say}. The class is kept by its simple name.
     */
    public static String methodName(StackTraceElement e) {
        String m = e.getMethodName();
        if (m.startsWith("lambda$")) {
            int end = m.indexOf('$', 7);
            m = end > 7 ? m.substring(7, end) : m;
        }
        String c = e.getClassName();
        if (c == null || c.isEmpty()) {
            return m;
        }
        int dot = c.lastIndexOf('.');
        return c.substring(dot + 1) + "." + m;
    }

    /**
     * How a listing names the code of a frame: {@code fetch()}, or a name the translator gave to code
     * that is no method ({@code <cell>}, a notebook cell's own statements) as it is.
     */
    public static String callName(StackTraceElement e) {
        String m = methodName(e);
        return m.startsWith("<") ? m : m + "()";
    }
}
