package jaio.kernel.session;

import jaio.Async;
import jaio.Loop;
import jaio.Task;
import jaio.kernel.language.CellContext;
import jaio.kernel.language.ExecutionResult;
import jaio.kernel.language.KernelServices;
import jaio.kernel.language.OutputSink;
import jaio.kernel.magic.CellFailure;
import jaio.kernel.magic.Magic;
import jaio.kernel.magic.MagicRegistry;
import jaio.kernel.magic.UsageException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Runs cells: each is a task on the kernel loop, created in the order {@link #execute} was called
 * (the protocol's execute queue is the only cell queue: it passes a cell only after the previous
 * one ended). The task runs the cell's parts in order ({@link CellParts}): Java code through
 * {@link SnippetRun}, magics through the registry, on the same task.
 *
 * <p>Threads: {@link #execute}, {@link #interrupt} and {@link #shutdown} are called from kernel
 * threads and hand work to the loop through its one door ({@link Loop#execute}); everything else runs on the
 * cell's task (a virtual thread carried by the loop's thread). No lock of its own: {@code unfinished}
 * is a concurrent deque (added to by {@link #execute}, removed from when the cell's task ends) and
 * {@code closed} is volatile.
 */
final class CellRunner {
    /** Preallocated: reporting an OutOfMemoryError must not need memory. */
    private static final ExecutionResult OUT_OF_MEMORY = new ExecutionResult.Error("java.lang.OutOfMemoryError",
            "Java heap space", List.of("java.lang.OutOfMemoryError: Java heap space"));

    private final SessionBootstrap.Started parts;
    private final SourceAnalysis analysis;
    private final MagicRegistry magics;
    private final KernelServices services;
    private final Map<String, Tracebacks.SnippetOrigin> origins = new ConcurrentHashMap<>();
    private final CellFrames cellFrames = new CellFrames(origins);
    /**
     * Cells accepted by {@link #execute} and not finished, oldest first: the head is the cell an
     * interrupt is meant for, from the moment its request was accepted (before its task exists),
     * so an interrupt sent as soon as the frontend saw {@code busy} is not lost.
     */
    private final ConcurrentLinkedDeque<Cell> unfinished = new ConcurrentLinkedDeque<>();
    private final PeriodicCollection heapPolicy = new PeriodicCollection(unfinished::isEmpty);
    private volatile boolean closed;

    CellRunner(SessionBootstrap.Started parts, SourceAnalysis analysis, MagicRegistry magics, KernelServices services) {
        this.parts = parts;
        this.analysis = analysis;
        this.magics = magics;
        this.services = services;
        // Task reprs, stacks and call graphs name the cell and line the user typed (one per JVM).
        jaio.UserFrames.setTranslator(cellFrames::userFrame);
        // A frame of an unloaded class can no longer be seen: its mapping goes with it.
        parts.control().loaderDelegate().loader().onWrapperUnloaded(cellFrames::forgetWrapper);
        LoopErrorReport report = new LoopErrorReport(cellFrames);
        parts.loop().execute(() -> parts.loop().setExceptionHandler(report));
    }

    Loop loop() {
        return parts.loop();
    }

    LockedJShell shell() {
        return parts.shell();
    }

    SourceAnalysis analysis() {
        return analysis;
    }

    MagicRegistry magics() {
        return magics;
    }

    KernelServices services() {
        return services;
    }

    /**
     * Starts {@code code} as a cell. The returned future completes when the cell's task ends, after
     * everything the cell printed was sent to {@code sink} (and the execute_result, if any). It
     * never completes exceptionally: errors in the cell are an {@link ExecutionResult.Error}.
     */
    CompletableFuture<ExecutionResult> execute(String code, CellContext context, OutputSink sink) {
        CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
        if (closed) {
            result.complete(new ExecutionResult.Error("SessionClosed", "the session was shut down", List.of("SessionClosed")));
            return result;
        }
        Cell cell = new Cell(context, sink, services);
        unfinished.add(cell);
        parts.loop().execute(() -> startCell(code, cell, result));
        return result;
    }

    /** On the loop: the cell's task, and the future completed when it ends. */
    private void startCell(String code, Cell cell, CompletableFuture<ExecutionResult> result) {
        Task<ExecutionResult> task = parts.loop().createTask(Async.async("code of cell " + cell.label(), () -> {
            ExecutionResult r = runCell(code, cell);
            // Complete here, on the task's last step, rather than only in a done callback: a
            // callback that fails (out of memory) must not leave the request unanswered.
            finish(cell, result, r);
            return r;
        }), "cell " + cell.label());
        cell.task = task;
        parts.loop().markScriptTask(task);
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
        heapPolicy.cellFinished();
    }

    /** The body of a cell's task. */
    private ExecutionResult runCell(String code, Cell cell) {
        Thread me = Thread.currentThread();
        // Written before the cell's first look at interruptRequested (SnippetRun.run), which interrupt()
        // writes before it reads this: one of the two sees the other, so no interrupt falls between.
        cell.thread = me;
        CurrentCell.enter(cell);
        SessionExecutionControl control = parts.control();
        me.setContextClassLoader(control.loaderDelegate().loader());
        control.loaderDelegate().takeRecentlyLoaded();
        try {
            return runParts(code, cell);
        } catch (OutOfMemoryError e) {
            // Out of memory outside the snippet itself (in JShell or while reporting): free what the cell holds.
            SnippetRun.freeMemory(control);
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

    /**
     * Runs the Java code and the magics of a cell in order (see {@link CellParts}); the first
     * failing part ends the cell. Only the last part's value is shown, as IPython shows only the
     * value of the cell's last line.
     */
    private ExecutionResult runParts(String code, Cell cell) {
        List<CellParts.Part> cellParts = CellParts.of(code, magics);
        String page = null;
        for (int i = 0; i < cellParts.size(); i++) {
            boolean last = i == cellParts.size() - 1;
            ExecutionResult r = switch (cellParts.get(i)) {
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
    SnippetRun runJava(String source, Cell cell, boolean show) {
        SnippetRun run = new SnippetRun(source, cell, parts, origins, cellFrames);
        run.run();
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
            if (cell.interruptRequested || SnippetRun.isInterruption(t)) {
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

    /** Interrupts the running cell, or a background task holding the loop (see {@link CellInterrupt}); returns at once. */
    void interrupt() {
        Cell head = unfinished.peekFirst();
        CellInterrupt.deliver(head == null || head.finished ? null : head, parts.loop(), parts.control());
    }

    /** Refuses new cells and interrupts the running one; the caller then closes the loop and JShell. */
    void shutdown() {
        closed = true;
        if (!unfinished.isEmpty()) {
            interrupt();
        }
    }
}
