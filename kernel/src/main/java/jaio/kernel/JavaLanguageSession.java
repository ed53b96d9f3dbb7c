package jaio.kernel;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import jaio.kernel.protocol.Completion;
import jaio.kernel.protocol.ExecuteRequest;
import jaio.kernel.protocol.ExecuteResult;
import jaio.kernel.protocol.ExecutionContext;
import jaio.kernel.protocol.HelpLink;
import jaio.kernel.protocol.Inspection;
import jaio.kernel.protocol.IsCompleteResult;
import jaio.kernel.protocol.KernelServices;
import jaio.kernel.protocol.LanguageInfo;
import jaio.kernel.protocol.LanguageSession;
import jaio.kernel.session.CellContext;
import jaio.kernel.session.ExecutionResult;
import jaio.kernel.session.InspectionResult;
import jaio.kernel.session.JavaSession;
import jaio.kernel.session.OutputSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Connects the protocol layer to the Java session: translates requests and results between the
 * two, and builds the session in the background so that kernel_info is answered at once, before
 * JShell is warm (requests that need the session wait for it).
 */
public final class JavaLanguageSession implements LanguageSession {
    private static final Gson GSON = new Gson();

    private final CompletableFuture<JavaSession> session;
    /** Completion and inspection share JShell's compiler lock with cells: answer them off the shell thread. */
    private final ExecutorService helpers = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("jaio-session-helper").factory());

    public JavaLanguageSession(KernelServices services) {
        this.session = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("jaio-session-start").start(() -> {
            try {
                session.complete(JavaSession.start(services.history()));
            } catch (Throwable t) {
                session.completeExceptionally(t);
            }
        });
    }

    /** The session once built (tests, AOT training). */
    public JavaSession awaitSession() {
        return session.join();
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

    @Override
    public CompletableFuture<ExecuteResult> execute(ExecuteRequest request, ExecutionContext context) {
        CellContext cell = new CellContext(request.executionCount(), request.silent(), context::requestInput);
        return withSession(s -> s.execute(request.code(), cell, new SinkAdapter(context)).thenCompose(r ->
                r.isOk() && request.userExpressions() != null && !request.userExpressions().isEmpty()
                        ? UserExpressions.evaluate(s, request.userExpressions(), request.executionCount()).thenApply(ExecuteResult.Ok::new)
                        : CompletableFuture.completedFuture(toProtocol(r))));
    }

    private static ExecuteResult toProtocol(ExecutionResult r) {
        return switch (r) {
            case ExecutionResult.Ok ok when ok.page() != null -> ExecuteResult.page(plainText(ok.page()));
            case ExecutionResult.Ok ok -> ExecuteResult.ok();
            case ExecutionResult.Error e -> ExecuteResult.error(e.ename(), e.evalue(), e.traceback());
        };
    }

    @Override
    public CompletableFuture<Completion> complete(String code, int cursorPos) {
        return withSession(s -> CompletableFuture.supplyAsync(() -> {
            var c = s.complete(code, toCodePoints(code, cursorPos));
            return new Completion(c.matches(), toIndex(code, c.cursorStart()), toIndex(code, c.cursorEnd()), new JsonObject());
        }, helpers));
    }

    @Override
    public CompletableFuture<Inspection> inspect(String code, int cursorPos, int detailLevel) {
        return withSession(s -> CompletableFuture.supplyAsync(() -> {
            InspectionResult r = s.inspect(code, toCodePoints(code, cursorPos), detailLevel);
            if (!r.found()) {
                return Inspection.notFound();
            }
            return new Inspection(true, plainText(r.text()), new JsonObject());
        }, helpers));
    }

    @Override
    public CompletableFuture<IsCompleteResult> isComplete(String code) {
        return withSession(s -> CompletableFuture.supplyAsync(() -> {
            var r = s.isComplete(code);
            return switch (r.status()) {
                case "complete" -> IsCompleteResult.of(IsCompleteResult.Status.COMPLETE);
                case "incomplete" -> new IsCompleteResult(IsCompleteResult.Status.INCOMPLETE, r.indent());
                case "invalid" -> IsCompleteResult.of(IsCompleteResult.Status.INVALID);
                default -> IsCompleteResult.of(IsCompleteResult.Status.UNKNOWN);
            };
        }, helpers));
    }

    @Override
    public void interrupt() {
        JavaSession s = session.getNow(null);
        if (s != null) {
            s.interrupt();
        }
    }

    @Override
    public void shutdown(boolean restart) {
        helpers.shutdownNow();
        JavaSession s = session.getNow(null);
        if (s != null) {
            s.shutdown();
        }
    }

    private <T> CompletableFuture<T> withSession(Function<JavaSession, CompletableFuture<T>> call) {
        return session.thenCompose(call);
    }

    private static JsonObject plainText(String text) {
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", text);
        return data;
    }

    private static int toCodePoints(String code, int javaIndex) {
        return code.codePointCount(0, Math.min(javaIndex, code.length()));
    }

    private static int toIndex(String code, int codePoints) {
        return code.offsetByCodePoints(0, Math.min(codePoints, code.codePointCount(0, code.length())));
    }

    /** The session's sink, published through the protocol's context (whose parent is the cell's request). */
    private record SinkAdapter(ExecutionContext context) implements OutputSink {
        @Override
        public void stream(String name, String text) {
            context.stream(name, text);
        }

        @Override
        public void displayData(Map<String, Object> data, Map<String, Object> metadata, String displayId) {
            context.displayData(json(data), json(metadata), transientData(displayId));
        }

        @Override
        public void updateDisplayData(Map<String, Object> data, Map<String, Object> metadata, String displayId) {
            context.updateDisplayData(json(data), json(metadata), transientData(displayId));
        }

        @Override
        public void clearOutput(boolean wait) {
            context.clearOutput(wait);
        }

        @Override
        public void executeResult(Map<String, Object> data, Map<String, Object> metadata) {
            context.executeResult(json(data), json(metadata));
        }

        private static JsonObject json(Map<String, Object> map) {
            return map == null ? new JsonObject() : GSON.toJsonTree(map).getAsJsonObject();
        }

        private static JsonObject transientData(String displayId) {
            JsonObject t = new JsonObject();
            if (displayId != null) {
                t.addProperty("display_id", displayId);
            }
            return t;
        }
    }
}
