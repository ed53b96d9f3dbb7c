package jaio.kernel.session;

import jaio.Loop;
import jaio.Ssl;
import jaio.kernel.language.CellContext;
import jaio.kernel.language.CompletionResult;
import jaio.kernel.language.ExecutionResult;
import jaio.kernel.language.HelpLink;
import jaio.kernel.language.InspectionResult;
import jaio.kernel.language.IsCompleteResult;
import jaio.kernel.language.KernelServices;
import jaio.kernel.language.LanguageInfo;
import jaio.kernel.language.LanguageSession;
import jaio.kernel.language.OutputSink;
import jaio.kernel.magic.MagicRegistry;
import java.io.File;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The Java language of the kernel: one JShell whose cells run as tasks on one jaio {@link Loop}
 * that lives as long as the session, so {@code await} works at the top level of a cell and tasks a
 * cell started keep running between cells. It implements the protocol's contract
 * ({@link LanguageSession}) directly; the jobs are done by {@link SessionBootstrap} (building the
 * parts), {@link CellRunner} (running cells and magics), {@link SnippetRun} (a cell's snippets and
 * their errors), {@link CellInterrupt} and {@link SourceAnalysis} (complete, inspect, is_complete).
 *
 * <p>Threads: {@link #open} returns at once and builds the session on the "jaio-session-start"
 * thread, so kernel_info is answered before JShell is warm; requests that need JShell wait for it
 * (their futures compose on {@code ready}). Cells run on the kernel loop's thread
 * ("jaio-kernel-loop"); complete, inspect and is_complete on the "jaio-session-helper" thread, as
 * they share JShell's lock with running cells. Every method may be called from any thread.
 *
 * <p>Output: {@code System.out}/{@code System.err} are routed per cell (see {@link CurrentCell} for
 * which threads belong to which cell) to that cell's {@link OutputSink}; everything a cell printed
 * before it ended is delivered before its future completes.
 */
public final class JavaSession implements LanguageSession, AutoCloseable {

    /** The parts of a started session. */
    private record Ready(SessionBootstrap.Started parts, CellRunner cells, SourceAnalysis analysis) {}

    private final MagicRegistry magics = MagicRegistry.withBuiltins();
    private final CompletableFuture<Ready> ready = new CompletableFuture<>();
    private final CellsBeforeStart beforeStart = new CellsBeforeStart();
    private final ExecutorService helpers = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("jaio-session-helper").factory());
    private volatile boolean closed;

    private JavaSession(KernelServices services) {
        Thread.ofPlatform().daemon().name("jaio-session-start").start(() -> {
            try {
                SessionBootstrap.Started parts = SessionBootstrap.boot();
                SourceAnalysis analysis = new SourceAnalysis(parts.shell(), magics, parts.loop(), parts.control().loaderDelegate().loader());
                ready.complete(new Ready(parts, new CellRunner(parts, analysis, magics, services), analysis));
            } catch (Throwable t) {
                ready.completeExceptionally(t);
                return;
            }
            preloadTls();
        });
    }

    /** How long after the session is ready {@link #preloadTls} starts: after the first cells of a freshly opened notebook. */
    private static final long TLS_PRELOAD_DELAY_MILLIS = 1500;

    /**
     * Chooses the runtime's TLS engine and makes its default context (loading the native engine's
     * library, reading the JDK's trust store: 0.2-0.3 s of CPU) a moment after the session is
     * ready, so a notebook's first https download does not pay for it and the first cells do not
     * share the CPU with it. An https cell before then makes them itself (the class
     * initialisation runs once, whichever thread comes first). A failure here is left for the
     * first https connection to report, with the user watching.
     */
    private static void preloadTls() {
        try {
            Thread.sleep(TLS_PRELOAD_DELAY_MILLIS);
            Ssl.preload();
        } catch (InterruptedException | RuntimeException | LinkageError e) {
            // Nothing to do: see above.
        }
    }

    /** A session for a kernel with {@code services}; returns at once, the session builds itself in the background. */
    public static JavaSession open(KernelServices services) {
        return new JavaSession(services);
    }

    /** A session with no kernel around it (tests, tools), once it can run cells. */
    public static JavaSession start() {
        JavaSession session = open(KernelServices.none());
        session.ready.join();
        return session;
    }

    /** The loop the cells run on (waits until the session is built). */
    public Loop loop() {
        return ready.join().parts().loop();
    }

    /** The session's direct path for pieces that declare nothing, or null (waits until the session is built). */
    DirectRun directRun() {
        return ready.join().parts().direct();
    }

    /** The magics cells can run ({@code %lsmagic} lists them); register more at any time. */
    public MagicRegistry magics() {
        return magics;
    }

    @Override
    public LanguageInfo languageInfo() {
        return new LanguageInfo("java", Runtime.version().toString(), "text/x-java-source", ".jsh", "java", "text/x-java", "script");
    }

    @Override
    public String banner() {
        return "jaio: Java " + Runtime.version().feature() + " with an asyncio event loop.\n"
                + "Top-level await works: var x = await sleep(1, 42);  Tasks keep running between cells.";
    }

    @Override
    public List<HelpLink> helpLinks() {
        return List.of(new HelpLink("Java SE API", "https://docs.oracle.com/en/java/javase/" + Runtime.version().feature() + "/docs/api/"),
                new HelpLink("Python asyncio (the model jaio follows)", "https://docs.python.org/3.12/library/asyncio.html"));
    }

    /**
     * Runs {@code code} as a cell. The returned future completes when the cell's task ends, after
     * everything the cell printed was sent to {@code sink} (and the execute_result, if any). It
     * never completes exceptionally once the session is built: errors in the cell are an
     * {@link ExecutionResult.Error}.
     */
    @Override
    public CompletableFuture<ExecutionResult> execute(String code, CellContext context, OutputSink sink) {
        AtomicInteger accepted = beforeStart.accept();
        return ready.thenCompose(r -> {
            CompletableFuture<ExecutionResult> result = r.cells().execute(code, context, sink);
            if (beforeStart.handedOver(accepted)) {
                r.cells().interrupt();
            }
            return result;
        });
    }

    @Override
    public CompletableFuture<CompletionResult> complete(String code, int cursor) {
        return onHelper(r -> r.analysis().complete(code, cursor));
    }

    @Override
    public CompletableFuture<InspectionResult> inspect(String code, int cursor, int detailLevel) {
        return onHelper(r -> r.analysis().inspect(code, cursor, detailLevel));
    }

    @Override
    public CompletableFuture<IsCompleteResult> isComplete(String code) {
        return onHelper(r -> r.analysis().isComplete(code));
    }

    private <T> CompletableFuture<T> onHelper(Function<Ready, T> call) {
        return ready.thenApplyAsync(call, helpers);
    }

    /** Interrupts the running cell, if any (see {@link CellInterrupt}); returns without waiting for it to end. */
    @Override
    public void interrupt() {
        if (beforeStart.claimOldest()) {
            return;
        }
        Ready r = ready.getNow(null);
        if (r != null) {
            r.cells().interrupt();
        }
    }

    /** Adds jars or directories (separated by {@link File#pathSeparator}) to the cells' class path. */
    public void addToClasspath(String path) {
        ready.join().parts().shell().run(js -> js.addToClasspath(path));
    }

    /** Stops the loop and closes JShell. Running cells are abandoned. */
    @Override
    public void shutdown(boolean restart) {
        if (closed) {
            return;
        }
        closed = true;
        helpers.shutdownNow();
        Ready r = ready.getNow(null);
        if (r != null) {
            r.cells().shutdown();
            r.parts().close();
        }
    }

    /** {@link #shutdown(boolean)} without a restart. */
    public void shutdown() {
        shutdown(false);
    }

    @Override
    public void close() {
        shutdown();
    }
}
