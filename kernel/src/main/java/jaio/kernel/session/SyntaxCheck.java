package jaio.kernel.session;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;

/**
 * A cell with a syntax error anywhere runs nothing, as in Python: before a cell's first snippet
 * runs, each of its snippets is parsed (javac's parser only: names and types are not looked at, so
 * a snippet may use what an earlier one declares). A snippet parses if it is valid as statements,
 * as class members, as an expression or as imports — the shapes JShell wraps snippets in.
 */
final class SyntaxCheck {
    /** A snippet that does not parse: its source (as JShell gets it) and where it starts in the text. */
    record Broken(String snippet, int start) {}

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private SyntaxCheck() {}

    /**
     * The first of a cell's snippets that does not parse, or null. Only cells of more than one
     * snippet are checked: for a single snippet JShell's own compile already runs nothing on error.
     */
    static Broken firstBroken(List<SnippetSplitter.Unit> units) {
        if (units.size() < 2) {
            return null;
        }
        for (SnippetSplitter.Unit u : units) {
            // Incomplete or unknown (the rest of the cell), or complete but not Java.
            if (!u.complete() || !parses(u.source())) {
                return new Broken(u.source(), u.start());
            }
        }
        return null;
    }

    static boolean parses(String snippet) {
        String expr = snippet.strip();
        if (expr.endsWith(";")) {
            expr = expr.substring(0, expr.length() - 1);
        }
        return parsesAs("class W_ { void m_() throws Throwable {\n" + snippet + "\n} }")
                || parsesAs("class W_ {\n" + snippet + "\n}")
                || parsesAs("class W_ { Object v_ = (\n" + expr + "\n); }")
                || parsesAs(snippet + "\nclass W_ {}");
    }

    private static boolean parsesAs(String source) {
        DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///W_.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        try {
            var task = (com.sun.source.util.JavacTask) JAVAC.getTask(null, null, diags, List.of("-proc:none"), null, List.of(file));
            task.parse();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return diags.getDiagnostics().stream().noneMatch(d -> d.getKind() == Diagnostic.Kind.ERROR);
    }
}
