package jaio.kernel.session;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;

/**
 * A piece of a cell that declares nothing, compiled once and run without JShell's snippet
 * machinery: an expression or a block of statements, in the shape {@link TypedDeclaration} gives it
 * ({@code Object $jaio7 = (expr);}), becomes the body of a class of the kernel's own,
 * <pre>
 * package REPL; &lt;JShell's imports&gt;
 * class $JShell$1000000007 {
 *     public static java.lang.Object do_it$() throws java.lang.Throwable {
 *         Object $jaio7 = (expr);
 *         return $jaio7;
 *     }
 * }
 * </pre>
 * compiled by one javac task ({@link CellCompiler}), loaded through the session's execution
 * engine (instrumentation, the class-loader wall) and run by it as JShell runs a snippet
 * ({@link SessionExecutionControl#invokeDoIt}). JShell parses, analyzes and generates the same
 * code in three javac tasks and keeps a snippet nobody can name.
 *
 * <p>Why the shape is safe: the method is JShell's own {@code do_it$} wrapper, the imports are the
 * ones JShell writes into every wrapper, the code sits in the same package, so a piece compiles
 * here exactly when it compiles there, to the same code. Whatever does not compile (an error of the
 * user's, a void call) returns null before anything ran, and the caller gives the text as written
 * to JShell, whose diagnostics the user then sees. A runtime error is converted by JShell's own
 * code ({@code Eval.asJShellException}), so it reads as JShell's; only this class's frames are
 * placed here, by the line table this class knows.
 *
 * <p>The class is named like JShell's wrappers ({@code $JShell$} and digits) in a range JShell's
 * keys, counted from 1 per session, never reach: everything that reads a wrapper's name (messages,
 * frames, task names, {@link CellFrames}) reads these the same way.
 *
 * <p>{@code -Djaio.kernel.direct=off} turns the path off for the sessions started after it is set
 * (every piece then goes through JShell, as before this class existed): to compare the two.
 *
 * <p>Thread: the cell's task; compiling and loading hold JShell's lock, which the execution engine
 * releases while the code runs.
 */
final class DirectRun {
    private static final AtomicLong NEXT_CLASS = new AtomicLong(1_000_000_000L);

    /**
     * What a run left: the outcome, the snippet id its frames carry ({@code #jaio1000000007}), its
     * class and the snippet line of each line of the class's source.
     */
    record Ran(SessionExecutionControl.Outcome outcome, String snippetId, String className, int[] lines) {}

    private final LockedJShell shell;
    private final SessionExecutionControl control;
    private final CellCompiler compiler;
    private final Object eval;
    private final Method asJShellException;
    private final AtomicLong runs = new AtomicLong();

    private DirectRun(LockedJShell shell, SessionExecutionControl control, CellCompiler compiler) throws ReflectiveOperationException {
        this.shell = shell;
        this.control = control;
        this.compiler = compiler;
        this.eval = Internals.field(JShell.class, "eval").get(shell.call(js -> js));
        this.asJShellException = Internals.method(eval.getClass(), "asJShellException", Throwable.class);
    }

    /** The direct path of a session, or null when JShell's internals cannot be reached (cells then take JShell's path). */
    static DirectRun of(LockedJShell shell, SessionExecutionControl control) {
        if ("off".equals(System.getProperty("jaio.kernel.direct"))) {
            return null;
        }
        CellCompiler compiler = shell.call(CellCompiler::of);
        if (compiler == null) {
            return null;
        }
        try {
            return new DirectRun(shell, control, compiler);
        } catch (ReflectiveOperationException | RuntimeException e) {
            OutputRouter.kernelErr().println("jaio: cells go through JShell's full pipeline (cannot reach its evaluator: " + e + ")");
            return null;
        }
    }

    /**
     * Compiles {@code typed} (an expression or a statement block as {@link TypedDeclaration} rewrote it)
     * and runs it; null when it did not compile or load (nothing ran). Before its code starts, its
     * class is known to {@code frames} and {@code origin} is noted as its snippet's.
     */
    Ran run(TypedDeclaration.Rewritten typed, CellFrames frames, Map<String, Tracebacks.SnippetOrigin> origins,
            Tracebacks.SnippetOrigin origin) {
        long n = NEXT_CLASS.incrementAndGet();
        String simpleName = "$JShell$" + n;
        String className = "REPL." + simpleName;
        String snippetId = "jaio" + n;
        try {
            return shell.call(js -> {
                Map<String, byte[]> classes;
                String head;
                try {
                    head = compiler.packageAndImports(identifiers(typed.source())) + "\nclass " + simpleName + " {\n"
                            + "    public static java.lang.Object do_it$() throws java.lang.Throwable {\n";
                    classes = compiler.compile(simpleName, head + typed.source() + "\n        return " + typed.name() + ";\n    }\n}\n");
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
                if (classes == null) {
                    return null;
                }
                try {
                    control.load(classes.entrySet().stream().map(c -> new ClassBytecodes(c.getKey(), c.getValue()))
                            .toArray(ClassBytecodes[]::new));
                } catch (jdk.jshell.spi.ExecutionControl.ExecutionControlException | RuntimeException e) {
                    return null;
                }
                int[] lines = lineTable(head, typed.source());
                frames.noteClass(className, snippetId, lines);
                origins.put(snippetId, origin);
                runs.incrementAndGet();
                try {
                    return new Ran(control.invokeDoIt(className), snippetId, className, lines);
                } finally {
                    // Nothing will look this class up by name again: it unloads once no task or object uses it.
                    control.loaderDelegate().release(className);
                }
            });
        } finally {
            Thread.interrupted();
        }
    }

    /** The identifiers in {@code source} (the names its imports may resolve). */
    private static java.util.Set<String> identifiers(String source) {
        java.util.Set<String> names = new java.util.HashSet<>();
        for (JavaLexer.Token t : JavaLexer.tokenize(source)) {
            if (t.kind() == JavaLexer.Kind.IDENT) {
                names.add(t.text());
            }
        }
        return names;
    }

    /** How many pieces ran on this path. */
    long runs() {
        return runs.get();
    }

    /**
     * What the code of a run threw, as JShell reports a snippet's exception (an {@code EvalException},
     * or an {@code UnresolvedReferenceException} for a declaration that cannot run yet), its frames
     * and those of its causes in snippet terms ({@code #id}, the snippet's line).
     */
    JShellException asJShellException(Ran ran, Throwable thrown) {
        JShellException ex;
        try {
            ex = (JShellException) asJShellException.invoke(eval, control.asRunException(thrown));
        } catch (InvocationTargetException | IllegalAccessException | RuntimeException e) {
            return null;
        }
        for (Throwable t = ex; t != null; t = t.getCause()) {
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < frames.length; i++) {
                frames[i] = placed(frames[i], ran);
            }
            t.setStackTrace(frames);
        }
        return ex;
    }

    /** A frame of this run's class as JShell writes a snippet's: the user's class (none for the snippet's own code), {@code #id}, the snippet line. */
    private static StackTraceElement placed(StackTraceElement f, Ran ran) {
        String c = f.getClassName();
        String className = ran.className();
        if (!(c.equals(className) || c.startsWith(className + "$"))) {
            return f;
        }
        int[] lines = ran.lines();
        int line = lines[Math.clamp(f.getLineNumber(), 1, lines.length - 1)];
        return new StackTraceElement(c.equals(className) ? "" : c.substring(className.length() + 1),
                f.getMethodName().equals("do_it$") ? "" : f.getMethodName(), "#" + ran.snippetId(), line);
    }

    /**
     * The snippet line (from 1, the line of the snippet's first token, as JShell counts) of each line
     * of the class source {@code head + body + tail}: lines before the body map to 1, lines after it
     * to the body's last.
     */
    static int[] lineTable(String head, String body) {
        int bodyStart = newlines(head, head.length()) + 1;
        List<JavaLexer.Token> tokens = JavaLexer.tokenize(body);
        int skipped = newlines(body, tokens.isEmpty() ? 0 : tokens.getFirst().start());
        int bodyLines = newlines(body, body.length()) + 1;
        int last = Math.max(1, bodyLines - skipped);
        int[] lines = new int[bodyStart + bodyLines + 4];
        for (int l = 1; l < lines.length; l++) {
            lines[l] = Math.clamp(l - bodyStart - skipped + 1, 1, last);
        }
        return lines;
    }

    private static int newlines(String s, int end) {
        int count = 0;
        for (int i = 0; i < end; i++) {
            if (s.charAt(i) == '\n') {
                count++;
            }
        }
        return count;
    }
}
