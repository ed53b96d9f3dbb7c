package jaio.kernel.session;

import jaio.Async;
import jaio.CancelledError;
import jaio.KeyboardInterrupt;
import jaio.Loop;
import jaio.Task;
import jaio.kernel.magic.CellFailure;
import jaio.kernel.magic.Magic;
import jaio.kernel.magic.MagicRegistry;
import jaio.kernel.magic.UsageException;
import jaio.kernel.protocol.history.HistoryStore;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The Java side of the kernel: one JShell whose cells run as tasks on one jaio {@link Loop} that
 * lives as long as the session, so {@code await} works at the top level of a cell and tasks a
 * cell started keep running between cells. The protocol layer owns the sockets and calls this.
 *
 * <p>Threads: the loop runs forever on its own platform thread ("jaio-kernel-loop"). Each cell is a
 * task created on the loop (via {@code callSoonThreadsafe}); JShell compiles and runs the cell's
 * snippets on that task's thread ({@link SessionExecutionControl}). Cells run one after another in
 * the order {@link #execute} was called. {@link #complete}, {@link #inspect}, {@link #isComplete}
 * and {@link #interrupt} may be called from any thread at any time, also while a cell runs or awaits.
 *
 * <p>Output: {@code System.out}/{@code System.err} are routed per cell (see {@link CurrentCell} for
 * which threads belong to which cell) to that cell's {@link OutputSink}; everything a cell printed
 * before it ended is delivered before its future completes.
 */
public final class JavaSession implements AutoCloseable {
    private static final long INTERRUPT_GRACE_MILLIS = 10;
    private static final long LOOP_STACK_BYTES = 64L << 20;

    private final Loop loop;
    private final Thread loopThread;
    private final JShell jshell;
    private final SessionExecutionControl control;
    private final ReentrantLock analysis;
    private final KeptVariables keptVariables;
    private final MagicRegistry magics = MagicRegistry.withBuiltins();
    private final HistoryStore history;
    private final Map<String, Tracebacks.SnippetOrigin> origins = new ConcurrentHashMap<>();
    private final VariableValues variables;
    private final CellFrames cellFrames = new CellFrames(origins);
    private final Object queueLock = new Object();
    private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);
    /**
     * Cells accepted by {@link #execute} and not finished, oldest first: the head is the cell an
     * interrupt is meant for, from the moment its request was accepted (before its task exists),
     * so an interrupt sent as soon as the frontend saw {@code busy} is not lost.
     */
    private final ConcurrentLinkedDeque<Cell> unfinished = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    private JavaSession(Loop loop, Thread loopThread, JShell jshell, SessionExecutionControl control, HistoryStore history) {
        this.history = history;
        this.loop = loop;
        this.loopThread = loopThread;
        this.jshell = jshell;
        this.control = control;
        this.analysis = control.analysisLock();
        this.variables = new VariableValues(control.loaderDelegate());
        this.keptVariables = new KeptVariables(jshell, control.loaderDelegate());
        // Task reprs, stacks and call graphs name the cell and line the user typed (one per JVM).
        jaio.UserFrames.setTranslator(cellFrames);
        LoopErrorReport report = new LoopErrorReport(cellFrames);
        loop.callSoonThreadsafe(() -> loop.setExceptionHandler(report));
    }

    /**
     * Starts a session: routes System.out/err (once per JVM), starts the loop thread, builds the
     * JShell and evaluates the prelude ({@link Prelude}). Blocks until it can execute cells.
     */
    public static JavaSession start() {
        return start(HistoryStore.none());
    }

    /** Starts a session whose cells (magics) read the kernel's input history from {@code history}. */
    public static JavaSession start(HistoryStore history) {
        OutputRouter.install();
        // Charts and images are drawn off screen: no display is needed, nor is one there.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        InputRouter.install();
        ClassLoader kernelLoader = JavaSession.class.getClassLoader();
        SnippetClassLoader snippets = new SnippetClassLoader(new KernelVisibleLoader(kernelLoader));
        SessionExecutionControl control = new SessionExecutionControl(new SnippetLoaderDelegate(snippets));

        Loop loop = new Loop();
        // Seed code written as a script runs in a cell as written: run(main()) and new loops get a
        // thread of their own; getEventLoop().runUntilComplete(f) / runForever() wait in the cell's task.
        loop.allowNestedLoops(true);
        loop.setDefaultExecutor(new CellPropagatingExecutor());
        // A task a cell started that fails with nobody awaiting it shows its error in that cell at once.
        loop.setReportUnobservedFailures(true);
        CountDownLatch running = new CountDownLatch(1);
        Thread loopThread = Thread.ofPlatform().name("jaio-kernel-loop").daemon(true).stackSize(LOOP_STACK_BYTES)
                .unstarted(() -> {
                    loop.callSoon(running::countDown);
                    // The loop must outlive anything a cell does (an OutOfMemoryError can hit the
                    // loop's own code): after a failure it goes on, until the session stops it.
                    while (!loop.isClosed()) {
                        try {
                            loop.runForever();
                            return;
                        } catch (KeyboardInterrupt | jaio.SystemExit t) {
                            // Raised in a task, they leave the loop's run as in asyncio; here that
                            // means the cell that raised them ends (its task holds the exception).
                        } catch (Throwable t) {
                            OutputRouter.kernelErr().println("jaio: the kernel loop failed and continues: " + t);
                        }
                    }
                });
        // Task threads are created by the loop thread and inherit this: user code's TCCL sees user classes.
        loopThread.setContextClassLoader(snippets);
        loopThread.start();
        awaitUninterruptibly(running);

        JShell jshell = buildJShell(control);
        JavaSession session = new JavaSession(loop, loopThread, jshell, control, history);
        session.evalPrelude();
        return session;
    }

    /**
     * JShell compiles against {@code java.class.path} read when it is built (and re-applied on
     * addToClasspath); the kernel's class path would show JeroMQ and Gson to the compiler. So the
     * property holds only the jaio runtime and this module while JShell is built, and the compiler's
     * path is then set explicitly once.
     */
    private static JShell buildJShell(SessionExecutionControl control) {
        String compilePath = location(Loop.class) + File.pathSeparator + location(JavaSession.class);
        synchronized (System.getProperties()) {
            String saved = System.getProperty("java.class.path");
            System.setProperty("java.class.path", compilePath);
            control.ignoreClasspathChanges(true);
            try {
                JShell js = JShell.builder().executionEngine(control.provider(), Map.of()).build();
                js.addToClasspath(location(Loop.class));
                return js;
            } finally {
                control.ignoreClasspathChanges(false);
                if (saved == null) {
                    System.clearProperty("java.class.path");
                } else {
                    System.setProperty("java.class.path", saved);
                }
            }
        }
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + c, e);
        }
    }

    private void evalPrelude() {
        analysis.lock();
        try {
            for (String imp : Prelude.imports()) {
                for (SnippetEvent e : jshell.eval(imp)) {
                    if (e.status() == Snippet.Status.REJECTED) {
                        OutputRouter.kernelErr().println("jaio: prelude import rejected: " + imp);
                    }
                }
            }
        } finally {
            analysis.unlock();
        }
    }

    /** The loop the cells run on. */
    public Loop loop() {
        return loop;
    }

    /** The magics cells can run ({@code %lsmagic} lists them). */
    public MagicRegistry magics() {
        return magics;
    }

    /** The {@code language_info} for kernel_info_reply. */
    public LanguageInfo languageInfo() {
        return LanguageInfo.ofRunningJdk();
    }

    // ---- execute ---------------------------------------------------------------------------

    /**
     * Queues {@code code} as a cell; it runs after the cells queued before it. The returned future
     * completes when the cell's task ends, after everything the cell printed was sent to
     * {@code sink} (and the execute_result, if any). It never completes exceptionally: errors in
     * the cell are an {@link ExecutionResult.Error}.
     */
    public CompletableFuture<ExecutionResult> execute(String code, CellContext context, OutputSink sink) {
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        if (closed) {
            result.complete(new ExecutionResult.Error("SessionClosed", "the session was shut down", List.of("SessionClosed")));
            return result;
        }
        Cell cell = new Cell(context, sink);
        unfinished.add(cell);
        CompletableFuture<?> previous;
        synchronized (queueLock) {
            previous = tail;
            tail = result;
        }
        previous.whenComplete((r, e) -> loop.callSoonThreadsafe(() -> startCell(code, cell, result)));
        return result;
    }

    /** On the loop: the cell's task, and the future completed when it ends. */
    private void startCell(String code, Cell cell, CompletableFuture<ExecutionResult> result) {
        Task<ExecutionResult> task = loop.createTask(Async.async("code of cell " + cell.label(), () -> {
            ExecutionResult r = runCell(code, cell);
            // Complete here, on the task's last step, rather than only in a done callback: a
            // callback that fails (out of memory) must not leave the request unanswered.
            finish(cell, result, r);
            return r;
        }), "cell " + cell.label());
        cell.task = task;
        loop.markScriptTask(task);
        task.addDoneCallback(t -> {
            if (result.isDone()) {
                return;
            }
            ExecutionResult r;
            if (t.cancelled()) {
                // Interrupted before its first step: the body never ran.
                r = Tracebacks.runtimeError("KeyboardInterrupt", "", null, origins);
            } else if (t.exception() != null) {
                r = new ExecutionResult.Error(t.exception().getClass().getName(), String.valueOf(t.exception().getMessage()),
                        List.of("the kernel failed to run the cell: " + t.exception()));
            } else {
                r = t.result();
            }
            finish(cell, result, r);
        });
    }

    private void finish(Cell cell, CompletableFuture<ExecutionResult> result, ExecutionResult r) {
        cell.finished = true;
        unfinished.remove(cell);
        result.complete(r);
    }

    /** The body of a cell's task. */
    private ExecutionResult runCell(String code, Cell cell) {
        Thread me = Thread.currentThread();
        // Written before the cell's first look at interruptRequested (CellRun.run), which interrupt()
        // writes before it reads this: one of the two sees the other, so no interrupt falls between.
        cell.thread = me;
        CurrentCell.enter(cell);
        me.setContextClassLoader(control.loaderDelegate().loader());
        control.loaderDelegate().takeRecentlyLoaded();
        try {
            return runParts(code, cell);
        } catch (OutOfMemoryError e) {
            // Out of memory outside the snippet itself (in JShell or while reporting): free what the cell holds.
            control.releaseAfterOutOfMemory();
            releaseCellMemory();
            return OUT_OF_MEMORY;
        } catch (Throwable t) {
            // The kernel's own failure (JShell's internals): a report, not a dead cell.
            return Tracebacks.runtimeError(t.getClass().getName(), String.valueOf(t.getMessage()), null, origins);
        } finally {
            Thread.interrupted();
            CellGuard.clear(me);
            cell.output.flush();
        }
    }

    /** Preallocated: reporting an OutOfMemoryError must not need memory. */
    private static final ExecutionResult OUT_OF_MEMORY = new ExecutionResult.Error("java.lang.OutOfMemoryError",
            "Java heap space", List.of("java.lang.OutOfMemoryError: Java heap space"));

    /**
     * Runs the Java code and the magics of a cell in order (see {@link CellParts}); the first
     * failing part ends the cell. Only the last part's value is shown, as IPython shows only the
     * value of the cell's last line.
     */
    private ExecutionResult runParts(String code, Cell cell) {
        List<CellParts.Part> parts = CellParts.of(code, magics);
        String page = null;
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            ExecutionResult r = switch (parts.get(i)) {
                case CellParts.Java java -> runJava(java.source(), cell, last).result;
                case CellParts.Invocation magic -> runMagic(magic, cell);
            };
            if (!(r instanceof ExecutionResult.Ok ok)) {
                return r;
            }
            page = ok.page() != null ? ok.page() : page;
        }
        if (cell.interruptRequested) {
            return Tracebacks.runtimeError("KeyboardInterrupt", "", null, origins);
        }
        return page == null ? ExecutionResult.ok() : ExecutionResult.page(page);
    }

    /** Runs {@code source} as (part of) {@code cell}; shows the value of its last expression when {@code show}. */
    CellRun runJava(String source, Cell cell, boolean show) {
        CellRun run = new CellRun(source, cell);
        run.result = run.run();
        if (show && run.result.isOk() && run.hasValue && !cell.context.silent() && !cell.interruptRequested) {
            if (!PendingValue.show(cell, run.lastValue)) {
                MimeRenderer.Rendered r = MimeRenderer.rendered(run.lastValue);
                cell.output.executeResult(r.data(), r.metadata());
            }
        }
        return run;
    }

    private ExecutionResult runMagic(CellParts.Invocation invocation, Cell cell) {
        if (cell.interruptRequested) {
            return Tracebacks.runtimeError("KeyboardInterrupt", "", null, origins);
        }
        Magic magic = magics.find(invocation.kind(), invocation.name()).orElse(null);
        if (magic == null) {
            String kind = invocation.kind() == Magic.Kind.LINE ? "line" : "cell";
            return usageError(kind + " magic " + invocation.kind().prefix() + invocation.name() + " not found (%lsmagic lists the magics)");
        }
        SessionMagicCall call = new SessionMagicCall(this, cell, invocation);
        try {
            magic.run(call);
            return call.page() == null ? ExecutionResult.ok() : ExecutionResult.page(call.page());
        } catch (UsageException e) {
            return usageError(e.getMessage() + ". Usage: " + magic.usage());
        } catch (CellFailure e) {
            return new ExecutionResult.Error(e.ename(), e.evalue(), e.traceback());
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable t) {
            if (cell.interruptRequested || isInterruption(t)) {
                return Tracebacks.runtimeError("KeyboardInterrupt", "", null, origins);
            }
            String evalue = String.valueOf(t.getMessage());
            return new ExecutionResult.Error(t.getClass().getName(), evalue, List.of(t.getClass().getName() + ": " + evalue));
        } finally {
            Thread.interrupted();
        }
    }

    private static ExecutionResult usageError(String message) {
        return new ExecutionResult.Error("UsageError", message, List.of("UsageError: " + message));
    }

    /** One cell's way through its snippets. */
    final class CellRun {
        private final Cell cell;
        private final RewrittenSource src;
        /** Set once run: the result, and the value of the last snippet when it is an expression. */
        ExecutionResult result;
        Object lastValue;
        boolean hasValue;

        CellRun(String code, Cell cell) {
            this.cell = cell;
            this.src = AwaitRewriter.rewrite(code);
        }

        private static boolean endsWithSemicolon(String snippetText) {
            List<JavaLexer.Token> tokens = JavaLexer.tokenize(snippetText);
            return !tokens.isEmpty() && tokens.getLast().text().equals(";");
        }

        private ExecutionResult run() {
            List<SnippetSplitter.Unit> units = SnippetSplitter.split(src.text(), part -> {
                analysis.lock();
                try {
                    return jshell.sourceCodeAnalysis().analyzeCompletion(part);
                } finally {
                    analysis.unlock();
                }
            });
            analysis.lock();
            try {
                SyntaxCheck.Broken broken = SyntaxCheck.firstBroken(units);
                // JShell's own reading must agree that it is erroneous: eval must never run it out of order.
                if (broken != null && jshell.sourceCodeAnalysis().sourceToSnippets(broken.snippet()).stream()
                        .allMatch(x -> x.kind() == Snippet.Kind.ERRONEOUS)) {
                    // JShell rejects it without running anything and says why; nothing else runs.
                    for (SnippetEvent e : jshell.eval(broken.snippet())) {
                        if (e.causeSnippet() == null && e.status() == Snippet.Status.REJECTED) {
                            return Tracebacks.compileError(cell.label(), src, broken.start(), jshell.diagnostics(e.snippet()).toList());
                        }
                    }
                }
            } finally {
                analysis.unlock();
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

                List<SnippetEvent> events;
                List<String> resetNotes;
                analysis.lock();
                try {
                    keptVariables.beforeEval();
                    events = jshell.eval(snippet);
                    resetNotes = keptVariables.afterEval(events);
                    for (SnippetEvent e : events) {
                        if (e.status().isDefined()) {
                            cellFrames.noteWrapper(jshell, e.snippet());
                        }
                    }
                } finally {
                    analysis.unlock();
                    Thread.interrupted();
                }
                SessionExecutionControl.Outcome outcome = control.takeOutcome();
                resetNotes.forEach(System.err::println);
                SnippetEvent primary = events.stream().filter(e -> e.causeSnippet() == null).findFirst().orElse(null);
                if (primary == null) {
                    continue;
                }
                Snippet sn = primary.snippet();
                if (primary.status() == Snippet.Status.REJECTED && piece.isBlock()) {
                    // Nothing of the block ran: its units one by one give JShell's own diagnostics.
                    List<StatementBlocks.Piece> parts = piece.parts();
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        work.addFirst(parts.get(i));
                    }
                    continue;
                }
                // JShell numbers a snippet's lines from its first token (blanks and comments skipped).
                List<JavaLexer.Token> tokens = JavaLexer.tokenize(snippet);
                int firstCode = start + (tokens.isEmpty() ? 0 : tokens.getFirst().start());
                origins.put(sn.id(), new Tracebacks.SnippetOrigin(cell.label(), src.lineOf(src.toOriginal(firstCode))));
                if (primary.status() == Snippet.Status.REJECTED) {
                    ExecutionResult.Error error;
                    analysis.lock();
                    try {
                        error = Tracebacks.compileError(cell.label(), src, start, jshell.diagnostics(sn).toList());
                    } finally {
                        analysis.unlock();
                    }
                    return ranUpTo < 0 ? error : Tracebacks.withNote(error, ranNote(ranUpTo));
                }
                if (primary.exception() != null) {
                    return runtimeError(primary.exception(), outcome == null ? null : outcome.thrown());
                }
                ranUpTo = piece.end();
                if (primary.status() == Snippet.Status.RECOVERABLE_DEFINED || primary.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                    System.err.println("note: " + describe(sn) + " cannot be used until "
                            + String.join(", ", unresolved(sn)) + " is declared");
                }
                if (sn.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND && outcome != null
                        && outcome.value() instanceof jaio.Coroutine<?> dropped) {
                    // Python warns when a coroutine object is dropped unawaited; this one is dropped
                    // right here (an expression statement), so say so now, with the fix.
                    String expr = src.original().substring(src.toOriginal(start), src.toOriginal(piece.end())).strip().replaceAll(";$", "");
                    System.err.println("RuntimeWarning: coroutine '" + dropped.getName() + "' was never awaited; write: await " + expr);
                }
                // As in other Java kernels (and IPython's trailing ';'): `1+1` shows its value,
                // `list.add(3);` is a statement and shows nothing.
                // display(x) returns a handle for updates; like IPython's display(), it shows no value.
                hasValue = isValueSnippet(sn) && outcome != null && !(outcome.value() instanceof Display.Handle)
                        && !endsWithSemicolon(src.text().substring(start, piece.end()));
                lastValue = hasValue ? outcome.value() : null;
                variables.release(events);
                forgetTemporaryVariable(sn);
            }
            if (cell.interruptRequested) {
                return Tracebacks.runtimeError("KeyboardInterrupt", "", null, origins);
            }
            return ExecutionResult.ok();
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
         * dropped, and its value released like any replaced variable's.
         */
        private void forgetTemporaryVariable(Snippet sn) {
            if (!(sn instanceof jdk.jshell.VarSnippet v) || v.subKind() != Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                return;
            }
            List<SnippetEvent> events;
            analysis.lock();
            try {
                events = jshell.drop(v);
            } finally {
                analysis.unlock();
            }
            variables.release(events);
        }

        private ExecutionResult runtimeError(JShellException ex, Throwable thrown) {
            if ((thrown != null && hasCause(thrown, OutOfMemoryError.class))
                    || (ex instanceof EvalException ee && ee.getExceptionClassName().equals(OutOfMemoryError.class.getName()))) {
                control.releaseAfterOutOfMemory();
                releaseCellMemory();
            }
            if (ex instanceof UnresolvedReferenceException ure) {
                String msg = describe(ure.getSnippet()) + " cannot be invoked until "
                        + String.join(", ", unresolved(ure.getSnippet())) + " is declared";
                return Tracebacks.runtimeError("UnresolvedReferenceException", msg, ex, origins);
            }
            String name = ex instanceof EvalException ee ? ee.getExceptionClassName() : ex.getClass().getName();
            if ((cell.interruptRequested && (thrown == null || isInterruption(thrown)))
                    || (cell.scriptRunInterrupted && hasCause(thrown, KeyboardInterrupt.class))) {
                return Tracebacks.runtimeError("KeyboardInterrupt", "", ex, origins);
            }
            if (thrown instanceof CellExit exit) {
                return Tracebacks.runtimeError("SystemExit", String.valueOf(exit.status()), ex, origins);
            }
            return Tracebacks.runtimeError(name, ex.getMessage(), ex, origins);
        }
    }

    private static boolean isInterruption(Throwable t) {
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

    private String describe(Snippet sn) {
        return sn instanceof jdk.jshell.DeclarationSnippet d ? d.name() : sn.source().strip();
    }

    private List<String> unresolved(Snippet sn) {
        if (sn instanceof jdk.jshell.DeclarationSnippet d) {
            return jshell.unresolvedDependencies(d).toList();
        }
        return List.of();
    }

    /** After an OutOfMemoryError: tells the user which variables were dropped to free memory. */
    private void releaseCellMemory() {
        List<String> cleared = control.takeReleasedAfterOutOfMemory();
        System.gc();
        if (!cleared.isEmpty()) {
            System.err.println("note: the cell ran out of memory; its variables were set to null to free it: "
                    + String.join(", ", new LinkedHashSet<>(cleared)));
        }
    }

    // ---- interrupt -------------------------------------------------------------------------

    /**
     * Interrupts what holds the loop (the kernel's interrupt_request / SIGINT), as SIGINT raises
     * KeyboardInterrupt in whatever Python code runs:
     * <ul>
     * <li>Usually the running cell: its task is cancelled at its await point; if it does not reach
     *     one within {@value #INTERRUPT_GRACE_MILLIS} ms (a busy loop or a blocking call), its next
     *     loop back-edge in cell code throws {@link KeyboardInterrupt} and its thread is interrupted
     *     (Thread.sleep, Object.wait, BlockingQueue.take, interruptible I/O).</li>
     * <li>A background task that never yields (the loop does not take the cancellation within the
     *     grace time, and the task holding it is not the cell's): that task gets the
     *     KeyboardInterrupt the same way, and fails with it (shown in the cell that started it);
     *     the cell waiting for the loop is left alone and runs next.</li>
     * </ul>
     * Other tasks keep running. Returns without waiting for anything to end.
     */
    public void interrupt() {
        Cell head = unfinished.peekFirst();
        Cell cell = head == null || head.finished ? null : head;
        // The cell cannot look at its flag while another task holds the loop, so setting it now and
        // withdrawing it below (when a background task is the one to stop) is never seen half-way.
        AtomicBoolean aimedElsewhere = new AtomicBoolean();
        if (cell != null) {
            synchronized (cell) {
                cell.interruptRequested = true;
                cell.scriptRunInterrupted = false;
            }
        }
        Task<?> task = cell == null ? null : cell.task;
        CountDownLatch delivered = new CountDownLatch(1);
        loop.callSoonThreadsafe(() -> {
            if (task == null || aimedElsewhere.get()) {
                // Nothing of the cell's to stop here.
            } else if (interruptScriptRun(cell, task)) {
                // Delivered as a KeyboardInterrupt out of the seed's run call.
            } else {
                task.cancel("KeyboardInterrupt");
            }
            delivered.countDown();
        });
        boolean atAwait;
        try {
            atAwait = delivered.await(INTERRUPT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            atAwait = false;
        }
        if (atAwait) {
            return;
        }
        Thread holder = loop.steppingThread();
        Thread t = cell == null ? null : cell.thread;
        if (holder != null && holder != t) {
            aimedElsewhere.set(true);
            if (cell != null) {
                cell.interruptRequested = false;
            }
            CellGuard.request(holder);
            holder.interrupt();
            return;
        }
        if (cell == null) {
            return;
        }
        synchronized (cell) {
            if (!cell.finished && t != null && !cell.scriptRunInterrupted) {
                CellGuard.request(t);
                if (control.isRunningUserCode(t)) {
                    // Only user code is interrupted: an interrupt inside javac could close its file channels.
                    t.interrupt();
                }
            }
        }
    }

    /**
     * On the loop: if the cell waits in the seed's run_until_complete / run_forever on this loop,
     * KeyboardInterrupt comes out of that call, as in a script, and the cell may catch it (S4-11);
     * the cell is then not interrupted any other way (a back-edge request made because the loop
     * was slow to answer is withdrawn). False if the cell is in no such run.
     */
    private boolean interruptScriptRun(Cell cell, Task<?> task) {
        synchronized (cell) {
            if (!loop.interruptScriptRun(task)) {
                return false;
            }
            cell.interruptRequested = false;
            cell.scriptRunInterrupted = true;
            Thread t = cell.thread;
            if (t != null) {
                CellGuard.clear(t);
            }
            return true;
        }
    }

    // ---- complete, inspect, is_complete ----------------------------------------------------

    /** Completions at {@code cursorPos} (code points): JShell's, or on a magic's line its name and arguments. */
    public CompletionResult complete(String code, int cursorPos) {
        int cursor = charIndex(code, cursorPos);
        MagicCompletion magic = MagicCompletion.at(code, cursor, magics, loop);
        if (magic != null) {
            return new CompletionResult(magic.matches(), codePoints(code, magic.start()), cursorPos);
        }
        RewrittenSource src = AwaitRewriter.rewrite(code);
        int rcursor = src.toRewritten(cursor);
        String text = src.text().substring(0, rcursor);
        analysis.lock();
        try {
            SourceCodeAnalysis sca = jshell.sourceCodeAnalysis();
            int base = lastUnitStart(sca, text);
            int[] anchor = new int[1];
            List<SourceCodeAnalysis.Suggestion> sugg = sca.completionSuggestions(text.substring(base), text.length() - base, anchor);
            LinkedHashSet<String> matches = new LinkedHashSet<>();
            sugg.stream().filter(SourceCodeAnalysis.Suggestion::matchesType).forEach(s -> matches.add(s.continuation()));
            sugg.forEach(s -> matches.add(s.continuation()));
            int start = src.toOriginal(base + anchor[0]);
            return new CompletionResult(new ArrayList<>(matches), codePoints(code, start), cursorPos);
        } finally {
            analysis.unlock();
        }
    }

    /**
     * The signatures and Javadoc of what is at {@code cursorPos} (code points). Both detail levels
     * include the Javadoc: IPython shows the docstring already at level 0 (Shift-Tab), and JShell
     * has no source to add at level 1.
     */
    public InspectionResult inspect(String code, int cursorPos, int detailLevel) {
        RewrittenSource src = AwaitRewriter.rewrite(code);
        int rcursor = src.toRewritten(charIndex(code, cursorPos));
        String text = src.text();
        analysis.lock();
        try {
            SourceCodeAnalysis sca = jshell.sourceCodeAnalysis();
            int base = lastUnitStart(sca, text.substring(0, rcursor));
            List<SourceCodeAnalysis.Documentation> docs = sca.documentation(text.substring(base), rcursor - base, true);
            if (docs.isEmpty()) {
                // The cursor may sit inside or after a method's name.
                int end = rcursor;
                while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end))) {
                    end++;
                }
                // JShell documents a method only at its argument list: look at "name(".
                String call = text.substring(base, end) + "(";
                docs = sca.documentation(call, call.length(), true);
            }
            if (docs.isEmpty()) {
                return InspectionResult.notFound();
            }
            StringBuilder sb = new StringBuilder();
            for (SourceCodeAnalysis.Documentation d : docs) {
                if (!sb.isEmpty()) {
                    sb.append("\n\n");
                }
                sb.append(d.signature());
                if (d.javadoc() != null && !d.javadoc().isBlank()) {
                    sb.append("\n\n").append(JavadocText.render(d.javadoc()));
                }
            }
            return new InspectionResult(true, sb.toString());
        } finally {
            analysis.unlock();
        }
    }

    /**
     * Whether {@code code} is ready to run: "incomplete" (indent four spaces) when a unit is open,
     * "invalid" when JShell cannot make sense of it (for example {@code int y = ;}), else "complete".
     */
    public IsCompleteResult isComplete(String code) {
        if (CellParts.of(code, magics).stream().noneMatch(p -> p instanceof CellParts.Java)) {
            // Math.max?, %lsmagic, a %%cell magic: nothing for Java to complete, Enter runs it.
            return IsCompleteResult.COMPLETE;
        }
        String rest = AwaitRewriter.rewrite(code).text();
        analysis.lock();
        try {
            SourceCodeAnalysis sca = jshell.sourceCodeAnalysis();
            while (!rest.isBlank()) {
                CompletionInfo ci = sca.analyzeCompletion(rest);
                switch (ci.completeness()) {
                    case COMPLETE, COMPLETE_WITH_SEMI -> rest = ci.remaining();
                    case DEFINITELY_INCOMPLETE, CONSIDERED_INCOMPLETE -> {
                        return IsCompleteResult.INCOMPLETE;
                    }
                    case UNKNOWN -> {
                        return IsCompleteResult.INVALID;
                    }
                    case EMPTY -> {
                        return IsCompleteResult.COMPLETE;
                    }
                }
            }
            return IsCompleteResult.COMPLETE;
        } finally {
            analysis.unlock();
        }
    }

    /** The offset in {@code text} where its last (unfinished) unit starts. */
    private static int lastUnitStart(SourceCodeAnalysis sca, String text) {
        int base = 0;
        String rest = text;
        while (true) {
            CompletionInfo ci = sca.analyzeCompletion(rest);
            if (!ci.completeness().isComplete() || ci.remaining().isBlank()) {
                return base;
            }
            base += rest.length() - ci.remaining().length();
            rest = ci.remaining();
        }
    }

    // ---- class path and shutdown ------------------------------------------------------------

    /** Calls {@code action} with the JShell under the analysis lock (magics reading variables, imports). */
    <T> T withJShell(java.util.function.Function<JShell, T> action) {
        analysis.lock();
        try {
            return action.apply(jshell);
        } finally {
            analysis.unlock();
        }
    }

    /** The kernel's input history. */
    HistoryStore history() {
        return history;
    }

    /** Adds jars or directories (separated by the platform's path separator) to the cells' class path. */
    public void addToClasspath(String path) {
        analysis.lock();
        try {
            jshell.addToClasspath(path);
        } finally {
            analysis.unlock();
        }
    }

    /** Stops the loop and closes JShell. Running cells are abandoned. */
    public void shutdown() {
        if (closed) {
            return;
        }
        closed = true;
        if (!unfinished.isEmpty()) {
            interrupt();
        }
        loop.allowNestedLoops(false);
        loop.stop();
        try {
            loopThread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            jshell.close();
        } catch (RuntimeException e) {
            OutputRouter.kernelErr().println("jaio: closing JShell: " + e);
        }
    }

    @Override
    public void close() {
        shutdown();
    }

    // ---- helpers ---------------------------------------------------------------------------

    private static int charIndex(String s, int codePoints) {
        int cp = Math.max(0, Math.min(codePoints, s.codePointCount(0, s.length())));
        return s.offsetByCodePoints(0, cp);
    }

    private static int codePoints(String s, int charIndex) {
        return s.codePointCount(0, Math.max(0, Math.min(charIndex, s.length())));
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
