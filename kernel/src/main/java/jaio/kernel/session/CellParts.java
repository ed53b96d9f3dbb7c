package jaio.kernel.session;

import jaio.kernel.magic.Magic;
import jaio.kernel.magic.MagicRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A cell cut into its Java code and its magics, in order, after IPython's input transformers:
 * <ul>
 * <li>{@code NAME?} / {@code NAME??} as the whole cell is {@code %pinfo NAME} / {@code %pinfo2 NAME};</li>
 * <li>{@code %%name args} as the first line makes the whole cell a cell magic;</li>
 * <li>{@code %name args} on a line of its own is a line magic, and {@code !command} is
 *     {@code %system command} when a {@code system} magic is registered. Such a line counts only
 *     where a Java statement may start (after {@code ;}, <code>{</code>, <code>}</code> or at the cell's start,
 *     and not inside a string or comment), so {@code a\n%b} stays Java's remainder operator.</li>
 * </ul>
 * Java parts keep their line numbers: each is preceded by as many line breaks as lines before it.
 */
final class CellParts {
    /** One part of a cell. */
    sealed interface Part {}

    /** Java code, run as a cell's snippets. */
    record Java(String source) implements Part {}

    /**
     * A magic to run: {@code args} is the rest of its line, {@code body} the rest of the cell (cell
     * magics), which starts on the cell's line {@code bodyLine + 1}.
     */
    record Invocation(Magic.Kind kind, String name, String args, String body, int bodyLine) implements Part {
        Invocation(Magic.Kind kind, String name, String args, String body) {
            this(kind, name, args, body, 0);
        }
    }

    private static final Pattern PAGER = Pattern.compile("^\\s*([\\p{L}_$][\\p{L}\\p{N}_$.]*)(\\?\\??)\\s*$");
    private static final Pattern CELL_MAGIC = Pattern.compile("\\s*%%(\\S*)[ \\t]*([^\\n]*?)\\s*(?:\\n|$)");
    private static final Pattern LINE_MAGIC = Pattern.compile("%([A-Za-z][A-Za-z0-9_]*)(?:[ \\t]+(.*?))?[ \\t\\r]*");
    private static final Pattern SHELL_ESCAPE = Pattern.compile("!(.*?)[ \\t\\r]*");

    private CellParts() {}

    static List<Part> of(String code, MagicRegistry magics) {
        Matcher pager = PAGER.matcher(code);
        if (pager.matches()) {
            return List.of(new Invocation(Magic.Kind.LINE, pager.group(2).length() == 1 ? "pinfo" : "pinfo2", pager.group(1), ""));
        }
        Matcher cell = CELL_MAGIC.matcher(code);
        if (cell.lookingAt()) {
            int bodyLine = (int) code.substring(0, cell.end()).chars().filter(c -> c == '\n').count();
            return List.of(new Invocation(Magic.Kind.CELL, cell.group(1), cell.group(2), code.substring(cell.end()), bodyLine));
        }
        boolean shell = magics.find(Magic.Kind.LINE, "system").isPresent();
        if (code.indexOf('%') < 0 && (!shell || code.indexOf('!') < 0)) {
            return List.of(new Java(code));
        }
        List<JavaLexer.Token> tokens = JavaLexer.tokenize(code);
        int next = 0;
        String previous = ";";
        List<Part> parts = new ArrayList<>();
        int javaStart = 0;
        int javaLine = 0;
        int line = 0;
        for (int start = 0; start <= code.length(); line++) {
            int end = code.indexOf('\n', start);
            if (end < 0) {
                end = code.length();
            }
            while (next < tokens.size() && tokens.get(next).start() < start) {
                previous = tokens.get(next++).text();
            }
            Invocation magic = null;
            if (next < tokens.size() && isStatementStart(previous)) {
                JavaLexer.Token t = tokens.get(next);
                if ((t.is("%") || t.is("!")) && t.start() < end && code.substring(start, t.start()).isBlank()) {
                    magic = magicLine(code.substring(t.start(), end), shell);
                }
            }
            if (magic != null) {
                addJava(parts, code.substring(javaStart, start), javaLine);
                parts.add(magic);
                javaStart = Math.min(end + 1, code.length());
                javaLine = line + 1;
                while (next < tokens.size() && tokens.get(next).start() < end) {
                    next++;
                }
                previous = ";";
            }
            start = end + 1;
        }
        addJava(parts, code.substring(javaStart), javaLine);
        return parts;
    }

    private static Invocation magicLine(String text, boolean shell) {
        Matcher m = LINE_MAGIC.matcher(text);
        if (m.matches()) {
            return new Invocation(Magic.Kind.LINE, m.group(1), m.group(2) == null ? "" : m.group(2), "");
        }
        Matcher s = SHELL_ESCAPE.matcher(text);
        if (shell && s.matches()) {
            return new Invocation(Magic.Kind.LINE, "system", s.group(1).strip(), "");
        }
        return null;
    }

    private static void addJava(List<Part> parts, String source, int firstLine) {
        if (!source.isBlank()) {
            parts.add(new Java("\n".repeat(firstLine) + source));
        }
    }

    private static boolean isStatementStart(String previousToken) {
        return previousToken.equals(";") || previousToken.equals("{") || previousToken.equals("}");
    }
}
