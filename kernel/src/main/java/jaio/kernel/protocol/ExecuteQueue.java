package jaio.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import jaio.kernel.language.CellContext;
import jaio.kernel.language.ExecutionResult;
import jaio.kernel.language.LanguageSession;
import jaio.kernel.protocol.history.HistoryStore;
import jaio.kernel.wire.KernelLog;
import jaio.kernel.wire.SocketLoop;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

/**
 * The execute_request handler: runs cells one at a time, in arrival order, without blocking the shell
 * loop.
 *
 * <p>Invariants (all state is confined to the shell loop): at most one request is {@code running};
 * {@code waiting} holds the later ones in arrival order; a request's {@code busy} is published when it
 * starts, not when it arrives, so busy/idle pairs of executes never overlap. The session's future is
 * the only way a cell ends; its completion hops back onto the loop, which replies and starts the next.
 * After an error with {@code stop_on_error}, every execute that had arrived before the error reply was
 * sent (including those still unread on the socket, which are read just before replying) is answered
 * {@code aborted}, as ipykernel does; one sent after the client saw the error reply runs.
 */
final class ExecuteQueue implements RequestHandler {

    private final LanguageSession session;
    private final Iopub iopub;
    private final HistoryStore history;
    private final StdinChannel stdin;
    private final SocketLoop loop;
    private final Runnable readWaitingRequests;
    private final InterruptCount interrupts;
    private final ArrayDeque<Request> waiting = new ArrayDeque<>();
    private Request running;
    private int executionCount;

    ExecuteQueue(LanguageSession session, Iopub iopub, HistoryStore history, StdinChannel stdin,
            SocketLoop loop, Runnable readWaitingRequests, InterruptCount interrupts) {
        this.session = session;
        this.iopub = iopub;
        this.history = history;
        this.stdin = stdin;
        this.loop = loop;
        this.readWaitingRequests = readWaitingRequests;
        this.interrupts = interrupts;
    }

    @Override
    public boolean announcesBusyItself() {
        return true;
    }

    @Override
    public void handle(Request request) {
        String problem = ExecuteContentCheck.problem(request.content());
        if (problem != null) {
            KernelLog.warnLimited("shell: invalid execute", "shell: execute_request not run: " + problem);
            request.busy();
            request.reply(Request.errorContent("InvalidMessage", problem, "InvalidMessage: " + problem + " (the cell was not run)"));
            return;
        }
        waiting.add(request);
        if (running == null) {
            startNext();
        }
    }

    private void startNext() {
        Request next = waiting.poll();
        if (next != null) {
            start(next);
        }
    }

    private void start(Request request) {
        running = request;
        long interruptsBeforeBusy = interrupts.now();
        JsonObject c = request.content();
        String code = Json.string(c, "code", "");
        boolean silent = Json.bool(c, "silent", false);
        boolean storeHistory = !silent && Json.bool(c, "store_history", true);
        boolean allowStdin = Json.bool(c, "allow_stdin", true);
        boolean stopOnError = Json.bool(c, "stop_on_error", true);
        if (storeHistory) {
            executionCount++;
        }
        int count = executionCount;
        // busy and execute_input are encoded first and sent back to back: JeroMQ's I/O thread wakes once.
        JsonObject parent = request.message().header();
        List<byte[]> busy = iopub.encodeStatus(parent, "busy");
        List<byte[]> input = null;
        if (!silent) {
            JsonObject inputContent = new JsonObject();
            inputContent.addProperty("code", code);
            inputContent.addProperty("execution_count", count);
            input = iopub.encode(parent, "execute_input", inputContent);
        }
        iopub.publishEncoded(busy);
        if (input != null) {
            iopub.publishEncoded(input);
        }
        if (storeHistory) {
            try {
                history.append(count, code);
            } catch (IOException | RuntimeException e) {
                KernelLog.error("cannot store cell " + count + " in the history", e);
            }
        }
        CellPublisher output = new CellPublisher(request.message(), count, allowStdin, iopub, stdin);
        CellContext cell = new CellContext(count, silent, output::requestInput);
        CompletableFuture<ExecutionResult> future = SessionCalls.call("execute", () -> session.execute(code, cell, output));
        if (interrupts.now() != interruptsBeforeBusy) {
            // An interrupt came after busy, maybe before the session knew this cell: it is this cell's.
            session.interrupt();
        }
        JsonObject userExpressions = Json.object(c, "user_expressions");
        future.handle((result, error) -> error == null && result != null && result.isOk() && !userExpressions.isEmpty()
                        ? UserExpressions.evaluate(session, userExpressions, count)
                                .handle((values, e) -> new Ended(result, null, values == null ? new JsonObject() : values))
                        : CompletableFuture.completedFuture(new Ended(result, error, new JsonObject())))
                .thenCompose(ended -> ended)
                .thenAccept(ended -> {
                    try {
                        loop.execute(() -> finish(request, count, silent, stopOnError, ended));
                    } catch (RejectedExecutionException e) {
                        KernelLog.debug("kernel stopping: execute " + request.message().msgId() + " not answered");
                    }
                });
    }

    /** How a cell's execute ended, with its user_expressions' values (empty unless it succeeded). */
    private record Ended(ExecutionResult result, Throwable error, JsonObject userExpressions) {}

    private void finish(Request request, int count, boolean silent, boolean stopOnError, Ended ended) {
        ExecutionResult result = ended.result();
        ExecutionResult outcome = ended.error() != null ? fromThrowable(ended.error())
                : result != null ? result
                : new ExecutionResult.Error("IllegalStateException", "the session completed the cell with no result", List.of());
        JsonObject reply = new JsonObject();
        boolean failed = false;
        switch (outcome) {
            case ExecutionResult.Ok ok -> {
                reply.addProperty("status", "ok");
                reply.addProperty("execution_count", count);
                reply.add("user_expressions", ended.userExpressions());
                reply.add("payload", payload(ok));
            }
            case ExecutionResult.Error e -> {
                failed = true;
                JsonObject errorContent = new JsonObject();
                errorContent.addProperty("ename", e.ename());
                errorContent.addProperty("evalue", e.evalue());
                errorContent.add("traceback", Json.strings(e.traceback()));
                if (!silent) {
                    iopub.publish(request.message().header(), "error", errorContent.deepCopy());
                }
                reply.addProperty("status", "error");
                reply.addProperty("execution_count", count);
                errorContent.entrySet().forEach(entry -> reply.add(entry.getKey(), entry.getValue()));
            }
        }
        boolean abort = failed && stopOnError && !silent;
        if (abort) {
            // Read before replying: only requests that arrived before the error reply was sent are
            // aborted. A client that sends its next cell on seeing this reply must not lose it.
            readWaitingRequests.run(); // they queue behind `running`, which is still set
        }
        request.reply(reply);
        if (abort) {
            abortWaiting();
        }
        running = null;
        startNext();
    }

    private void abortWaiting() {
        Request r;
        while ((r = waiting.poll()) != null) {
            KernelLog.debug("aborting execute " + r.message().msgId() + " after an error");
            r.busy();
            JsonObject aborted = new JsonObject();
            aborted.addProperty("status", "aborted");
            r.reply(aborted);
        }
    }

    /** The reply's payload: a {@code page} payload when the cell asked for the pager ({@code Math.max?}). */
    private static JsonArray payload(ExecutionResult.Ok ok) {
        JsonArray payload = new JsonArray();
        if (ok.page() != null) {
            JsonObject data = new JsonObject();
            data.addProperty("text/plain", ok.page());
            JsonObject page = new JsonObject();
            page.addProperty("source", "page");
            page.add("data", data);
            page.addProperty("start", 0);
            payload.add(page);
        }
        return payload;
    }

    private static ExecutionResult fromThrowable(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        StringWriter trace = new StringWriter();
        cause.printStackTrace(new PrintWriter(trace));
        return new ExecutionResult.Error(cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()),
                Arrays.asList(trace.toString().split("\\R")));
    }
}
