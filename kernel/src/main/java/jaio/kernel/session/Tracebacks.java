package jaio.kernel.session;

import jaio.kernel.language.ExecutionResult;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Formats compile and runtime errors the way a notebook user reads them: positions and frames in
 * terms of what the user typed ({@code Cell In[3], line 2}), with JShell's, jaio's and the JDK's
 * reflection machinery left out.
 */
final class Tracebacks {

    /** Where a snippet's source starts: its cell and the 1-based line there. */
    record SnippetOrigin(String cellLabel, int firstLine) {}

    private Tracebacks() {}

    /** A compile error: javac's messages, each with the cell's line and column and a caret under the spot. */
    static ExecutionResult.Error compileError(String cellLabel, RewrittenSource src, int snippetStart, List<Diag> diags) {
        List<String> lines = new ArrayList<>();
        String first = null;
        for (Diag d : diags) {
            if (!d.isError()) {
                continue;
            }
            long p = d.getPosition() != Diag.NOPOS ? d.getPosition() : d.getStartPosition();
            int orig = src.toOriginal(snippetStart + (int) Math.max(0, p));
            int line = src.lineOf(orig);
            int col = src.columnOf(orig);
            String raw = d.getMessage(Locale.ROOT);
            List<String> msgLines = CompilerMessages.clarify(raw);
            if (first == null) {
                first = String.join("\n", msgLines);
            }
            lines.add("Cell " + cellLabel + ", line " + line + ", column " + col + ": error: " + msgLines.getFirst());
            lines.addAll(msgLines.subList(1, msgLines.size()));
            String text = src.originalLine(line);
            lines.add("    " + text);
            lines.add("    " + caretPadding(text, col - 1) + "^");
            // From the message shown: a clarified one ("int is not awaitable") no longer lists the
            // overloads whose parameter types (java.util.concurrent.Future) would earn a hint.
            for (String hint : ShadowedNames.hints(String.join("\n", msgLines))) {
                if (!lines.contains(hint)) {
                    lines.add(hint);
                }
            }
        }
        if (first == null) {
            first = "the snippet was rejected";
            lines.add("Cell " + cellLabel + ": error: " + first);
        }
        return new ExecutionResult.Error("CompilationError", first, lines);
    }

    /** {@code error} with {@code note} as its last traceback line. */
    static ExecutionResult.Error withNote(ExecutionResult.Error error, String note) {
        List<String> lines = new ArrayList<>(error.traceback());
        lines.add(note);
        return new ExecutionResult.Error(error.ename(), error.evalue(), lines);
    }

    private static String caretPadding(String line, int width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < width; i++) {
            sb.append(i < line.length() && line.charAt(i) == '\t' ? '\t' : ' ');
        }
        return sb.toString();
    }

    /** A runtime error named {@code ename}: the first line {@code ename: evalue}, then user frames and causes. */
    static ExecutionResult.Error runtimeError(String ename, String evalue, JShellException ex,
                                              Map<String, SnippetOrigin> origins) {
        List<String> lines = new ArrayList<>();
        evalue = CompilerMessages.withoutWrappers(evalue);
        lines.add(evalue == null || evalue.isEmpty() ? ename : ename + ": " + evalue);
        if (ex != null) {
            appendFrames(lines, ex.getStackTrace(), origins);
            Throwable cause = ex.getCause();
            int depth = 0;
            while (cause != null && depth++ < 10) {
                String name = cause instanceof EvalException ee ? ee.getExceptionClassName() : cause.getClass().getName();
                lines.add("Caused by: " + name + (cause.getMessage() == null ? "" : ": " + CompilerMessages.withoutWrappers(cause.getMessage())));
                appendFrames(lines, cause.getStackTrace(), origins);
                cause = cause.getCause();
            }
        }
        return new ExecutionResult.Error(ename, evalue == null ? "" : evalue, lines);
    }

    /** A throwable raised outside JShell's evaluation (in a task, a callback): its first line, user frames and causes. */
    static List<String> ofThrowable(Throwable t, CellFrames frames) {
        List<String> lines = new ArrayList<>();
        String prefix = "";
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            String msg = CompilerMessages.withoutWrappers(t.getMessage());
            lines.add(prefix + t.getClass().getName() + (msg == null ? "" : ": " + msg));
            appendFrames(lines, frames.known(t.getStackTrace()), frames.origins());
            prefix = "Caused by: ";
        }
        return lines;
    }

    /** The frames down to the outermost user frame, internals left out. */
    static void appendFrames(List<String> lines, StackTraceElement[] frames, Map<String, SnippetOrigin> origins) {
        int lastUser = -1;
        for (int i = 0; i < frames.length; i++) {
            if (isSnippetFrame(frames[i])) {
                lastUser = i;
            }
        }
        int end = lastUser >= 0 ? lastUser + 1 : Math.min(frames.length, 8);
        int shown = 0;
        for (int i = 0; i < end; i++) {
            StackTraceElement e = frames[i];
            if (isSnippetFrame(e)) {
                lines.add("    at " + describeSnippetFrame(e, origins));
                shown++;
            } else if (!isInternal(e)) {
                lines.add("    at " + e);
                shown++;
            }
            if (shown >= 60) {
                lines.add("    ... (" + (end - i - 1) + " more frames)");
                break;
            }
        }
    }

    private static boolean isSnippetFrame(StackTraceElement e) {
        return CellFrames.isSnippetFrame(e);
    }

    private static String describeSnippetFrame(StackTraceElement e, Map<String, SnippetOrigin> origins) {
        CellFrames frames = new CellFrames(origins);
        String where = frames.tracebackLocation(e);
        if (where == null) {
            where = "snippet " + e.getFileName() + ", line " + e.getLineNumber();
        }
        String cls = CellFrames.userClass(e.getClassName());
        String method = CellFrames.userMethod(e.getMethodName());
        String name = cls.isEmpty() || cls.equals(".") ? method : method.isEmpty() ? cls : cls + "." + method;
        return name.isEmpty() ? where : name + " (" + where + ")";
    }

    private static boolean isInternal(StackTraceElement e) {
        String c = e.getClassName();
        return c.startsWith("jaio.") || c.startsWith("jdk.internal.") || c.startsWith("jdk.jshell.")
                || c.startsWith("java.lang.reflect.") || c.startsWith("java.lang.invoke.")
                || c.startsWith("java.lang.VirtualThread") || c.startsWith("java.lang.Thread")
                || c.startsWith("java.util.concurrent.locks.") || c.startsWith("REPL.");
    }
}
