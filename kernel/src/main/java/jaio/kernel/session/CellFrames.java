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

    /**
     * A snippet's wrapper class: {@code lines[l]} is the snippet line (from 1) of the wrapper's line
     * {@code l}. A per-line table, because JShell does not keep the snippet in one piece: a variable's
     * initializer moves into a method {@code do_it$Aux} below the variable's field.
     */
    private record Wrapped(String snippetId, int[] lines) {}

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

    /**
     * Learns where {@code snippet}'s code sits in its wrapper class and returns that class's name (null
     * if JShell has no wrapper for it); call with JShell's lock held, once the snippet is compiled.
     */
    String noteWrapper(jdk.jshell.JShell jshell, jdk.jshell.Snippet snippet) {
        try {
            jdk.jshell.SourceCodeAnalysis.SnippetWrapper w = jshell.sourceCodeAnalysis().wrapper(snippet);
            noteClass(w.fullClassName(), snippet.id(), snippetLines(w));
            return w.fullClassName();
        } catch (RuntimeException e) {
            return null;   // no wrapper known (a rejected snippet): its frames stay as they are
        }
    }

    /**
     * Wrapper class {@code wrapperClass} was unloaded: no frame of it can appear any more, so its
     * mapping goes, and the origin of its snippet too unless another loaded wrapper (a re-wrap of
     * the same snippet) still maps to it. Keeps both maps as large as the loaded snippet classes.
     */
    void forgetWrapper(String wrapperClass) {
        Wrapped w = wrappers.remove(wrapperClass);
        if (w != null && wrappers.values().stream().noneMatch(o -> o.snippetId().equals(w.snippetId()))) {
            origins.remove(w.snippetId());
        }
    }

    /**
     * Learns that class {@code className} (a wrapper the kernel compiled itself, {@link DirectRun})
     * holds the code of snippet {@code snippetId}: {@code lines[l]} is the snippet line of its line {@code l}.
     */
    void noteClass(String className, String snippetId, int[] lines) {
        wrappers.put(className, new Wrapped(snippetId, lines));
    }

    /**
     * The snippet line of each wrapper line (index 1 on): where the line's first character comes from
     * in the snippet. JShell's own lines (the class, a variable's field, {@code return x = x_;}) map
     * to the nearest snippet position, so a frame on them still names a line of the cell. As JShell
     * does, line 1 is the line of the snippet's first token (blank lines and comments before it skipped).
     */
    private static int[] snippetLines(jdk.jshell.SourceCodeAnalysis.SnippetWrapper w) {
        String source = w.source();
        String wrapped = w.wrapped();
        int[] newlines = newlineOffsets(source);
        java.util.List<JavaLexer.Token> tokens = JavaLexer.tokenize(source);
        int firstLine = lineAt(newlines, tokens.isEmpty() ? 0 : tokens.getFirst().start());
        int[] lines = new int[newlineOffsets(wrapped).length + 2];
        int lineStart = 0;
        for (int l = 1; l < lines.length; l++) {
            int first = lineStart;
            while (first < wrapped.length() && wrapped.charAt(first) != '\n' && Character.isWhitespace(wrapped.charAt(first))) {
                first++;
            }
            int at = Math.clamp(w.wrappedToSourcePosition(first), 0, source.length());
            lines[l] = Math.max(1, lineAt(newlines, at) - firstLine + 1);
            int nl = wrapped.indexOf('\n', lineStart);
            lineStart = nl < 0 ? wrapped.length() : nl + 1;
        }
        return lines;
    }

    private static int[] newlineOffsets(String s) {
        return java.util.stream.IntStream.range(0, s.length()).filter(i -> s.charAt(i) == '\n').toArray();
    }

    /** The line (from 1) of offset {@code at}, given the offsets of the text's newlines. */
    private static int lineAt(int[] newlines, int at) {
        int i = java.util.Arrays.binarySearch(newlines, at);
        return (i >= 0 ? i : -i - 1) + 1;
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

    /**
     * The runtime's translator ({@link jaio.UserFrames#setTranslator}): {@link #apply}, and null for
     * the kernel's own frames (the cell runner below a cell's code), which no view shows.
     */
    StackTraceElement userFrame(StackTraceElement e) {
        return e.getClassName() != null && e.getClassName().startsWith("jaio.kernel.") ? null : apply(e);
    }

    /** A raw frame of a wrapper class as JShell's exceptions write it ({@code #id}, snippet line), or null. */
    StackTraceElement fromWrapper(StackTraceElement e) {
        if (e.getClassName() == null) {
            return null;
        }
        java.util.regex.Matcher m = WRAPPER_CLASS.matcher(e.getClassName());
        Wrapped w = m.matches() ? wrappers.get(m.group(1)) : null;
        if (w == null || e.getLineNumber() < 1) {
            return null;
        }
        int line = e.getLineNumber() < w.lines().length ? w.lines()[e.getLineNumber()] : w.lines()[w.lines().length - 1];
        return new StackTraceElement(e.getClassName(), e.getMethodName(), "#" + w.snippetId(), Math.max(1, line));
    }

    /** {@code raw} with each raw frame of a known wrapper class written as JShell's exceptions write it ({@link #fromWrapper}). */
    StackTraceElement[] known(StackTraceElement[] raw) {
        StackTraceElement[] known = new StackTraceElement[raw.length];
        for (int i = 0; i < raw.length; i++) {
            StackTraceElement k = fromWrapper(raw[i]);
            known[i] = k == null ? raw[i] : k;
        }
        return known;
    }

    /**
     * Maps the raw frames left in an exception of JShell's evaluation ({@code t} and its causes):
     * JShell maps only frames of snippets it still keeps ({@link SnippetHistory}), and code of a
     * forgotten one still runs (a task a statement started).
     */
    void mapRawFrames(Throwable t) {
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            t.setStackTrace(known(t.getStackTrace()));
        }
    }

    /** The cell and line of a snippet frame as tracebacks write it ({@code Cell In[4], line 2}), or null. */
    String tracebackLocation(StackTraceElement e) {
        Tracebacks.SnippetOrigin o = origins.get(e.getFileName().substring(1));
        return o == null ? null : "Cell " + o.cellLabel() + ", line " + (o.firstLine() + e.getLineNumber() - 1);
    }

    /**
     * {@code lambda$fetch$0} is {@code fetch}; JShell's {@code do_it$}, the {@code do_it$Aux} of a
     * variable's initializer and the lambdas written in them ({@code lambda$do_it$$0}) are the cell's own code.
     */
    static String userMethod(String m) {
        if (m == null) {
            return "";
        }
        if (m.startsWith("lambda$")) {
            int end = m.indexOf('$', 7);
            m = end > 7 ? m.substring(7, end) : m;
        }
        return m.equals("do_it$") || m.equals("do_it") || m.equals("do_it$Aux") ? TOP_LEVEL : m;
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
