package jaio.kernel.session;

import jaio.CancelledError;
import jaio.KeyboardInterrupt;
import jaio.kernel.language.ExecutionResult;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * One piece of a cell's Java code on its way through JShell: top-level {@code await} rewritten,
 * cut into snippets, each evaluated in turn, and what went wrong mapped to the error the user sees
 * (compile errors with the cell's own lines, exceptions, interrupts, System.exit, unresolved
 * references, running out of memory).
 *
 * <p>Thread: the cell's task (a virtual thread carried by the kernel loop's thread); evaluation takes
 * the JShell lock snippet by snippet ({@link LockedJShell}), never across two snippets, so
 * completion can answer between them. Single use: {@link #run} once, then read the fields.
 */
final class SnippetRun {
    private final Cell cell;
    private final RewrittenSource src;
    private final LockedJShell shell;
    private final SessionExecutionControl control;
    private final KeptVariables keptVariables;
    private final VariableValues variables;
    private final SnippetHistory history;
    private final Map<String, Tracebacks.SnippetOrigin> origins;
    private final CellFrames cellFrames;
    private final DirectRun direct;
    /** Set by {@link #run}: the result, and the value of the last snippet when it is an expression. */
    ExecutionResult result;
    Object lastValue;
    boolean hasValue;

    SnippetRun(String code, Cell cell, SessionBootstrap.Started parts, Map<String, Tracebacks.SnippetOrigin> origins,
            CellFrames cellFrames) {
        this.cell = cell;
        this.src = AwaitRewriter.rewrite(code);
        this.shell = parts.shell();
        this.control = parts.control();
        this.keptVariables = parts.keptVariables();
        this.variables = parts.variables();
        this.history = parts.history();
        this.origins = origins;
        this.cellFrames = cellFrames;
        this.direct = parts.direct();
    }

    /**
     * Just before the snippet compiled into {@code cls} runs (JShell's lock held): notes its cell
     * and wrapper, so the frames of the still-running cell (its own task, lambdas it starts) map
     * to cell lines. The snippet being evaluated is the newest one; returns it, or null.
     */
    private Snippet noteRunning(jdk.jshell.JShell js, Class<?> cls, Tracebacks.SnippetOrigin origin) {
        Snippet newest = js.snippets().reduce((a, b) -> b).orElse(null);
        if (newest != null && cls.getName().equals(cellFrames.noteWrapper(js, newest))) {
            origins.put(newest.id(), origin);
            return newest;
        }
        return null;
    }

    /** Evaluates the snippets until one fails or the code ends; sets and returns {@link #result}. */
    ExecutionResult run() {
        result = evaluate();
        return result;
    }

    private ExecutionResult evaluate() {
        List<SnippetSplitter.Unit> units = SnippetSplitter.split(src.text(),
                part -> shell.call(js -> js.sourceCodeAnalysis().analyzeCompletion(part)));
        ExecutionResult syntaxError = shell.call(js -> {
            SyntaxCheck.Broken broken = SyntaxCheck.firstBroken(units);
            // JShell's own reading must agree that it is erroneous: eval must never run it out of order.
            if (broken != null && js.sourceCodeAnalysis().sourceToSnippets(broken.snippet()).stream()
                    .allMatch(x -> x.kind() == Snippet.Kind.ERRONEOUS)) {
                // JShell rejects it without running anything and says why; nothing else runs.
                for (SnippetEvent e : js.eval(broken.snippet())) {
                    if (e.causeSnippet() == null && e.status() == Snippet.Status.REJECTED) {
                        return Tracebacks.compileError(cell.label(), src, broken.start(), js.diagnostics(e.snippet()).toList());
                    }
                }
            }
            return null;
        });
        if (syntaxError != null) {
            return syntaxError;
        }
        int ranUpTo = -1;
        ArrayDeque<StatementBlocks.Piece> work = new ArrayDeque<>(StatementBlocks.plan(src.text(), units));
        while (!work.isEmpty()) {
            if (cell.interruptRequested) {
                return Tracebacks.runtimeError("KeyboardInterrupt", "", null, origins);
            }
            StatementBlocks.Piece piece = work.poll();
            String snippet = piece.source();
            int start = piece.start();

            // JShell numbers a snippet's lines from its first token (blanks and comments skipped).
            List<JavaLexer.Token> tokens = JavaLexer.tokenize(snippet);
            int firstCode = start + (tokens.isEmpty() ? 0 : tokens.getFirst().start());
            Tracebacks.SnippetOrigin origin = new Tracebacks.SnippetOrigin(cell.label(), src.lineOf(src.toOriginal(firstCode)));
            List<String> resetNotes = new ArrayList<>();
            TypedDeclaration.Rewritten typed = typedDeclaration(piece);
            if (typed != null && typed.temporary() && direct != null) {
                DirectRun.Ran ran = direct.run(typed, cellFrames, origins, origin);
                if (ran == null && typed.value()) {
                    // A void call (no value to show, as JShell would show none): the same code as a statement.
                    typed = TypedDeclaration.asStatement(piece);
                    ran = typed == null ? null : direct.run(typed, cellFrames, origins, origin);
                }
                if (ran != null) {
                    shell.run(js -> history.sweep()); // its compilation counts toward renewing javac's contexts
                    SessionExecutionControl.Outcome outcome = ran.outcome();
                    if (outcome.thrown() != null) {
                        return runtimeError(direct.asJShellException(ran, outcome.thrown()), outcome.thrown());
                    }
                    ranUpTo = piece.end();
                    keepValue(typed.value(), typed.value(), outcome, piece);
                    continue;
                }
                // Not of the shape after all (a void call, an error): nothing ran, and JShell would
                // reject the typed shape just the same; it gets the text as written and gives its own
                // result or diagnostics.
                typed = null;
            }
            List<SnippetEvent> events = eval(typed != null ? typed.source() : snippet, resetNotes, origin);
            SnippetEvent primary = primaryOf(events);
            if (typed != null && (primary == null || primary.status() != Snippet.Status.VALID)) {
                // Not of the shape after all (a void call, a statement that cannot complete, an
                // error): nothing ran; JShell gets the text as written and gives its own result or diagnostics.
                if (primary != null && primary.snippet() instanceof VarSnippet v) {
                    variables.release(shell.call(js -> js.drop(v)));
                }
                typed = null;
                events = eval(snippet, resetNotes, origin);
                primary = primaryOf(events);
            }
            boolean asValue = typed != null && typed.value();
            SessionExecutionControl.Outcome outcome = control.takeOutcome();
            resetNotes.forEach(System.err::println);
            if (primary == null) {
                continue;
            }
            Snippet sn = primary.snippet();
            if (primary.status() == Snippet.Status.REJECTED && piece.isBlock()) {
                // Nothing of the block ran: its units one by one give JShell's own diagnostics.
                List<StatementBlocks.Piece> blockParts = piece.parts();
                for (int i = blockParts.size() - 1; i >= 0; i--) {
                    work.addFirst(blockParts.get(i));
                }
                continue;
            }
            if (primary.status() == Snippet.Status.REJECTED) {
                ExecutionResult.Error error = shell.call(js -> Tracebacks.compileError(cell.label(), src, start, js.diagnostics(sn).toList()));
                return ranUpTo < 0 ? error : Tracebacks.withNote(error, ranNote(ranUpTo));
            }
            origins.put(sn.id(), origin); // a rejected snippet never runs: no frame to map
            if (primary.exception() != null) {
                forgetTemporaryVariable(sn);
                return runtimeError(primary.exception(), outcome == null ? null : outcome.thrown());
            }
            ranUpTo = piece.end();
            if (primary.status() == Snippet.Status.RECOVERABLE_DEFINED || primary.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                System.err.println("note: " + describe(sn) + " cannot be used until "
                        + String.join(", ", unresolved(sn)) + " is declared");
            }
            keepValue(asValue || sn.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND, asValue || isValueSnippet(sn),
                    outcome, piece);
            variables.release(events);
            forgetTemporaryVariable(sn);
        }
        if (cell.interruptRequested) {
            return Tracebacks.runtimeError("KeyboardInterrupt", "", null, origins);
        }
        return ExecutionResult.ok();
    }

    /**
     * After {@code piece} ran: warns when it dropped a coroutine unawaited ({@code expression}: the
     * piece is an expression statement) and keeps its value as the one to show ({@code value}: the
     * piece has one).
     */
    private void keepValue(boolean expression, boolean value, SessionExecutionControl.Outcome outcome, StatementBlocks.Piece piece) {
        int start = piece.start();
        if (expression && outcome != null && outcome.value() instanceof jaio.Coroutine<?> dropped) {
            // Python warns when a coroutine object is dropped unawaited; this one is dropped
            // right here (an expression statement), so say so now, with the fix.
            String expr = src.original().substring(src.toOriginal(start), src.toOriginal(piece.end())).strip().replaceAll(";$", "");
            System.err.println("RuntimeWarning: coroutine '" + dropped.getName() + "' was never awaited; write: await " + expr);
            dropped.close(); // reported here: not again when it is collected
        }
        // As in other Java kernels (and IPython's trailing ';'): `1+1` shows its value,
        // `list.add(3);` is a statement and shows nothing.
        // display(x) returns a handle for updates; like IPython's display(), it shows no value.
        hasValue = value && outcome != null && !(outcome.value() instanceof Display.Handle)
                && !endsWithSemicolon(src.text().substring(start, piece.end()));
        lastValue = hasValue ? outcome.value() : null;
    }

    /** One {@code JShell.eval} under the lock, with the variables' values kept and the wrappers noted; adds reset notes to {@code notes}. */
    private List<SnippetEvent> eval(String source, List<String> notes, Tracebacks.SnippetOrigin origin) {
        Snippet[] running = new Snippet[1];
        try {
            return shell.call(js -> {
                keptVariables.beforeEval();
                var previous = control.beforeInvoke(cls -> running[0] = noteRunning(js, cls, origin));
                List<SnippetEvent> evs;
                try {
                    evs = js.eval(source);
                } finally {
                    control.beforeInvoke(previous);
                }
                notes.addAll(keptVariables.afterEval(evs));
                for (SnippetEvent e : evs) {
                    if (e.status().isDefined() && e.snippet() != running[0]) {
                        cellFrames.noteWrapper(js, e.snippet());
                    }
                }
                history.sweep();
                return evs;
            });
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * {@code piece} as a typed declaration ({@link TypedDeclaration}), or null. A {@code var} is
     * rewritten only when no variable of its name exists: were the typed declaration not to
     * compile, JShell would already have replaced that variable before the text as written runs.
     */
    private TypedDeclaration.Rewritten typedDeclaration(StatementBlocks.Piece piece) {
        TypedDeclaration.Rewritten typed = TypedDeclaration.of(piece);
        if (typed != null && !typed.temporary()
                && shell.call(js -> js.variables().anyMatch(v -> v.name().equals(typed.name()) && js.status(v).isActive()))) {
            return null;
        }
        return typed;
    }

    private static SnippetEvent primaryOf(List<SnippetEvent> events) {
        return events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
    }

    /** Which lines of the cell ran before a compile error in a later snippet stopped it. */
    private String ranNote(int ranUpTo) {
        String before = src.text().substring(0, ranUpTo).stripTrailing();
        int last = src.lineOf(src.toOriginal(Math.max(0, before.length() - 1)));
        return "note: line" + (last == 1 ? " 1" : "s 1-" + last) + " of this cell ran before this error; nothing after "
                + (last == 1 ? "it" : "them") + " ran (a type error is found only when its line is reached)";
    }

    /**
     * JShell keeps an expression's value as a new variable {@code $n}, a declaration it imports
     * into every later snippet; a notebook has no use for them (the value was shown or ignored),
     * and keeping them made every cell slower and bigger than the last. So the variable is
     * dropped, its value released like any replaced variable's, and JShell forgets it ({@link SnippetHistory}).
     */
    private void forgetTemporaryVariable(Snippet sn) {
        if (!(sn instanceof VarSnippet v) || (v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                && !TypedDeclaration.isValueVariable(v.name()))) {
            return;
        }
        variables.release(shell.call(js -> js.drop(v)));
        shell.run(js -> history.sweep());
    }

    private ExecutionResult runtimeError(JShellException ex, Throwable thrown) {
        cellFrames.mapRawFrames(ex);
        if ((thrown != null && hasCause(thrown, OutOfMemoryError.class))
                || (ex instanceof EvalException ee && ee.getExceptionClassName().equals(OutOfMemoryError.class.getName()))) {
            freeMemory(control);
        }
        if (ex instanceof UnresolvedReferenceException ure) {
            String msg = describe(ure.getSnippet()) + " cannot be invoked until "
                    + String.join(", ", unresolved(ure.getSnippet())) + " is declared";
            return Tracebacks.runtimeError("UnresolvedReferenceException", msg, ex, origins);
        }
        // ex is null only when JShell could not convert what a direct run threw: the throwable as it is.
        String name = ex instanceof EvalException ee ? ee.getExceptionClassName() : (ex != null ? ex : thrown).getClass().getName();
        if ((cell.interruptRequested && (thrown == null || isInterruption(thrown)))
                || (cell.scriptRunInterrupted && hasCause(thrown, KeyboardInterrupt.class))) {
            return Tracebacks.runtimeError("KeyboardInterrupt", "", ex, origins);
        }
        if (thrown instanceof CellExit exit) {
            return Tracebacks.runtimeError("SystemExit", String.valueOf(exit.status()), ex, origins);
        }
        return Tracebacks.runtimeError(name, (ex != null ? ex : thrown).getMessage(), ex, origins);
    }

    private static boolean endsWithSemicolon(String snippetText) {
        List<JavaLexer.Token> tokens = JavaLexer.tokenize(snippetText);
        return !tokens.isEmpty() && tokens.getLast().text().equals(";");
    }

    /** Whether {@code t} or one of its causes is how an interrupt shows (cancellation, thread interrupt). */
    static boolean isInterruption(Throwable t) {
        return hasCause(t, KeyboardInterrupt.class) || hasCause(t, CancelledError.class)
                || hasCause(t, InterruptedException.class) || hasCause(t, java.nio.channels.ClosedByInterruptException.class);
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (int i = 0; t != null && i < 20; i++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isValueSnippet(Snippet sn) {
        return sn.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND || sn.subKind() == Snippet.SubKind.VAR_VALUE_SUBKIND;
    }

    private static String describe(Snippet sn) {
        return sn instanceof DeclarationSnippet d ? d.name() : sn.source().strip();
    }

    private List<String> unresolved(Snippet sn) {
        if (sn instanceof DeclarationSnippet d) {
            return shell.call(js -> js.unresolvedDependencies(d).toList());
        }
        return List.of();
    }

    /**
     * After an OutOfMemoryError: drops what the cells hold and tells the user which variables were
     * set to null to free memory.
     */
    static void freeMemory(SessionExecutionControl control) {
        control.releaseAfterOutOfMemory();
        List<String> cleared = control.takeReleasedAfterOutOfMemory();
        System.gc();
        if (!cleared.isEmpty()) {
            System.err.println("note: the cell ran out of memory; its variables were set to null to free it: "
                    + String.join(", ", new LinkedHashSet<>(cleared)));
        }
    }
}
