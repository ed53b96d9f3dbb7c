package jaio.kernel.session;

import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The one mapping from a frame of snippet code to what the user typed: JShell compiles each
 * snippet into a wrapper class whose source file is {@code #<snippet id>}, and a coroutine's body
 * into a method {@code lambda$fetch$0}; the user wrote {@code fetch} in cell 4, line 2. Installed
 * as the runtime's {@link jaio.UserFrames} translator, so task reprs, {@code Task.getStack} and
 * call graphs read {@code fetch() running at cell [4] line 2}; tracebacks use it too.
 *
 * <p>Two kinds of frames come in: those of JShell's own exceptions carry the file
 * {@code #<snippet id>} and the snippet's line; raw frames (a task's exception, a thread's stack)
 * carry the wrapper class ({@code REPL.$JShell$17}) and the line in JShell's wrapper source, which
 * {@link #noteWrapper} learned from {@code SourceCodeAnalysis.wrapper} when the snippet was evaluated.
 *
 * <p>A translated frame has an empty class name (or the user's class, {@code Counter}), the user's
 * method name ({@code <cell>} for the cell's own top-level code), the file {@code cell [n]} and the
 * cell's line. Other frames are returned unchanged.
 */
final class CellFrames implements UnaryOperator<StackTraceElement> {
    private static final String TOP_LEVEL = "<cell>";
    private static final java.util.regex.Pattern WRAPPER_CLASS = java.util.regex.Pattern.compile("(REPL\\.\\$JShell\\$\\d+[A-Z]*)(?:\\$.*)?");
    private final Map<String, Tracebacks.SnippetOrigin> origins;
    /** Wrapper class name -> the snippet it wraps and the wrapper line of the snippet's first token. */
    private final Map<String, Wrapped> wrappers;

    private record Wrapped(String snippetId, int firstLine) {}

    CellFrames(Map<String, Tracebacks.SnippetOrigin> origins) {
        this(origins, new java.util.concurrent.ConcurrentHashMap<>());
    }

    private CellFrames(Map<String, Tracebacks.SnippetOrigin> origins, Map<String, Wrapped> wrappers) {
        this.origins = origins;
        this.wrappers = wrappers;
    }

    Map<String, Tracebacks.SnippetOrigin> origins() {
        return origins;
    }

    /** Learns where {@code snippet}'s code sits in its wrapper class; call with JShell's lock held, after eval. */
    void noteWrapper(jdk.jshell.JShell jshell, jdk.jshell.Snippet snippet) {
        try {
            jdk.jshell.SourceCodeAnalysis.SnippetWrapper w = jshell.sourceCodeAnalysis().wrapper(snippet);
            String source = w.source();
            int first = 0;
            java.util.List<JavaLexer.Token> tokens = JavaLexer.tokenize(source);
            if (!tokens.isEmpty()) {
                first = tokens.getFirst().start();
            }
            int at = w.sourceToWrappedPosition(first);
            String wrapped = w.wrapped();
            int line = 1;
            for (int i = 0; i < at && i < wrapped.length(); i++) {
                if (wrapped.charAt(i) == '\n') {
                    line++;
                }
            }
            wrappers.put(w.fullClassName(), new Wrapped(snippet.id(), line));
        } catch (RuntimeException e) {
            // No wrapper known (a rejected snippet): its frames stay as they are.
        }
    }

    /** Whether {@code e} is a frame of snippet code. */
    static boolean isSnippetFrame(StackTraceElement e) {
        return e.getFileName() != null && e.getFileName().startsWith("#");
    }

    @Override
    public StackTraceElement apply(StackTraceElement e) {
        if (!isSnippetFrame(e)) {
            StackTraceElement known = fromWrapper(e);
            return known == null ? e : apply(known);
        }
        Tracebacks.SnippetOrigin o = origins.get(e.getFileName().substring(1));
        if (o == null) {
            return new StackTraceElement(userClass(e.getClassName()), userMethod(e.getMethodName()), e.getFileName(), e.getLineNumber());
        }
        return new StackTraceElement(userClass(e.getClassName()), userMethod(e.getMethodName()),
                "cell " + o.cellLabel().replace("In", ""), o.firstLine() + e.getLineNumber() - 1);
    }

    /** A raw frame of a wrapper class as JShell's exceptions write it ({@code #id}, snippet line), or null. */
    StackTraceElement fromWrapper(StackTraceElement e) {
        if (e.getClassName() == null) {
            return null;
        }
        java.util.regex.Matcher m = WRAPPER_CLASS.matcher(e.getClassName());
        Wrapped w = m.matches() ? wrappers.get(m.group(1)) : null;
        if (w == null || e.getLineNumber() < 0) {
            return null;
        }
        return new StackTraceElement(e.getClassName(), e.getMethodName(), "#" + w.snippetId(), e.getLineNumber() - w.firstLine() + 1);
    }

    /** The cell and line of a snippet frame as tracebacks write it ({@code Cell In[4], line 2}), or null. */
    String tracebackLocation(StackTraceElement e) {
        Tracebacks.SnippetOrigin o = origins.get(e.getFileName().substring(1));
        return o == null ? null : "Cell " + o.cellLabel() + ", line " + (o.firstLine() + e.getLineNumber() - 1);
    }

    /** {@code lambda$fetch$0} is {@code fetch}; JShell's {@code do_it$} is the cell's own code. */
    static String userMethod(String m) {
        if (m == null) {
            return "";
        }
        if (m.startsWith("lambda$")) {
            int end = m.indexOf('$', 7);
            return end > 7 ? m.substring(7, end) : m;
        }
        return m.equals("do_it$") ? TOP_LEVEL : m;
    }

    /** A wrapper class ({@code REPL.$JShell$17}) is no class to the user; a class in it is known by its own name. */
    static String userClass(String c) {
        if (c == null) {
            return "";
        }
        String stripped = CompilerMessages.withoutWrappers(c);
        return stripped.startsWith("REPL.") || stripped.matches("(?:REPL\\.)?\\$JShell\\$\\d+[A-Z]*") ? "" : stripped;
    }
}
