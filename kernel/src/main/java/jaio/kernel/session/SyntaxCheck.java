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
import java.util.ArrayList;
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
    /**
     * Reused javac contexts for the parses (javac's {@code JavacTaskPool}, as JShell's own parses
     * use): a fresh context per parse cost more than the parse itself (0.8 against 0.3 ms). A pooled
     * context stays bound to the file manager it was made with, hence the one file manager. Null
     * when javac's pool cannot be reached: each parse then gets a fresh task.
     */
    private static final Parser POOLED = Parser.pooled();

    private SyntaxCheck() {}

    /** The wrappers a snippet may parse in, in the order tried: statements, members, an expression. */
    private static final List<String[]> SHAPES = List.of(
            new String[] {"class W_%d { void m_() throws Throwable {\n", "\n} }\n"},
            new String[] {"class W_%d {\n", "\n}\n"},
            new String[] {"class W_%d { Object v_ = (\n", "\n); }\n"});

    /**
     * The first of a cell's snippets that does not parse, or null. Only cells of more than one
     * snippet are checked: for a single snippet JShell's own compile already runs nothing on error.
     * All snippets are parsed in one javac run per shape (a cell of thousands of statements costs a
     * few javac parses, not thousands); only those that failed in one shape are tried in the next.
     */
    static Broken firstBroken(List<SnippetSplitter.Unit> units) {
        if (units.size() < 2) {
            return null;
        }
        List<Integer> left = new ArrayList<>();
        for (int i = 0; i < units.size(); i++) {
            if (!units.get(i).complete()) {
                // Incomplete or unknown: JShell gets the rest of the cell as it is and rejects it.
                return new Broken(units.get(i).source(), units.get(i).start());
            }
            left.add(i);
        }
        for (String[] shape : SHAPES) {
            left = failing(units, left, shape);
            if (left.isEmpty()) {
                return null;
            }
        }
        for (int i : left) {
            // Imports cannot share a file with other code: few snippets get this far.
            if (!parsesAs(units.get(i).source() + "\nclass W_ {}")) {
                return new Broken(units.get(i).source(), units.get(i).start());
            }
        }
        return null;
    }

    /** The indexes among {@code which} whose snippet does not parse in {@code shape}. */
    private static List<Integer> failing(List<SnippetSplitter.Unit> units, List<Integer> which, String[] shape) {
        StringBuilder file = new StringBuilder();
        long[] firstLine = new long[which.size()];
        long line = 1;
        for (int k = 0; k < which.size(); k++) {
            String body = units.get(which.get(k)).source();
            if (shape == SHAPES.get(2)) {
                body = body.strip();
                body = body.endsWith(";") ? body.substring(0, body.length() - 1) : body;
            }
            String text = String.format(shape[0], k) + body + shape[1];
            firstLine[k] = line;
            line += text.chars().filter(c -> c == '\n').count();
            file.append(text);
        }
        List<Integer> bad = new ArrayList<>();
        for (long errorLine : errorLines(file.toString())) {
            int k = java.util.Arrays.binarySearch(firstLine, errorLine);
            k = k >= 0 ? k : -k - 2;
            if (k >= 0 && !bad.contains(which.get(k))) {
                bad.add(which.get(k));
            }
        }
        bad.sort(null);
        return bad;
    }

    private static boolean parsesAs(String source) {
        return errorLines(source).isEmpty();
    }

    /** The lines of javac's parse errors in {@code source}. */
    private static List<Long> errorLines(String source) {
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///W_.java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        DiagnosticCollector<JavaFileObject> diags = POOLED == null ? null : POOLED.parse(file);
        if (diags == null) {
            diags = new DiagnosticCollector<>();
            try {
                var task = (com.sun.source.util.JavacTask) JAVAC.getTask(null, null, diags, List.of("-proc:none"), null, List.of(file));
                task.parse();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<Long> lines = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diags.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                lines.add(d.getLineNumber());
            }
        }
        return lines;
    }

    /** Parses with javac's pool of reusable contexts (reached by reflection, {@link Internals}). */
    private record Parser(Object pool, java.lang.reflect.Method getTask, Class<?> worker, javax.tools.JavaFileManager files) {
        static Parser pooled() {
            try {
                Class<?> poolType = Internals.type(com.sun.source.util.JavacTask.class, "com.sun.tools.javac.api.JavacTaskPool");
                Internals.open(poolType, "com.sun.tools.javac.api");
                Class<?> worker = Internals.type(poolType, "com.sun.tools.javac.api.JavacTaskPool$Worker");
                return new Parser(poolType.getConstructor(int.class).newInstance(1),
                        poolType.getMethod("getTask", java.io.Writer.class, javax.tools.JavaFileManager.class,
                                javax.tools.DiagnosticListener.class, Iterable.class, Iterable.class, Iterable.class, worker),
                        worker, JAVAC.getStandardFileManager(null, null, null));
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }

        /** Parses {@code file}: javac's diagnostics, or null when the pool failed. */
        DiagnosticCollector<JavaFileObject> parse(JavaFileObject file) {
            DiagnosticCollector<JavaFileObject> diags = new DiagnosticCollector<>();
            Object parse = Internals.javacWorker(worker, com.sun.source.util.JavacTask::parse);
            try {
                getTask.invoke(pool, null, files, diags, List.of("-proc:none"), null, List.of(file), parse);
                return diags;
            } catch (ReflectiveOperationException | RuntimeException e) {
                return null;
            }
        }
    }
}
