package jaio.kernel;

import com.google.gson.JsonObject;
import jaio.kernel.protocol.Completion;
import jaio.kernel.protocol.ExecuteRequest;
import jaio.kernel.protocol.ExecuteResult;
import jaio.kernel.protocol.ExecutionContext;
import jaio.kernel.protocol.Inspection;
import jaio.kernel.protocol.IsCompleteResult;
import jaio.kernel.protocol.LanguageInfo;
import jaio.kernel.protocol.LanguageSession;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A tiny language for protocol tests. {@code sleep N}: finishes after N ms (interruptible);
 * {@code fail}: error; {@code input P}: asks the frontend with prompt P and prints the answer;
 * anything else: printed to stdout and returned as the text/plain result.
 */
final class FakeSession implements LanguageSession {

    final List<String> executed = new CopyOnWriteArrayList<>();
    final List<Boolean> shutdowns = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<ExecuteResult> running;

    @Override
    public LanguageInfo languageInfo() {
        return new LanguageInfo("fake", "1.0", "text/x-fake", ".fake", null, null, null);
    }

    @Override
    public CompletableFuture<ExecuteResult> execute(ExecuteRequest request, ExecutionContext context) {
        String code = request.code();
        executed.add(code);
        if (code.startsWith("sleep ")) {
            long ms = Long.parseLong(code.substring(6).trim());
            CompletableFuture<ExecuteResult> done = new CompletableFuture<>();
            running = done;
            CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS).execute(() -> done.complete(ExecuteResult.ok()));
            return done;
        }
        if (code.equals("fail")) {
            return CompletableFuture.completedFuture(
                    ExecuteResult.error("FakeError", "failed on purpose", List.of("FakeError: failed on purpose")));
        }
        if (code.startsWith("input ")) {
            return context.requestInput(code.substring(6), false).handle((value, error) -> {
                if (error != null) {
                    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                    return ExecuteResult.error("InputError", String.valueOf(cause), List.of());
                }
                context.stream("stdout", value);
                return ExecuteResult.ok();
            });
        }
        context.stream("stdout", code);
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", code);
        context.executeResult(data, new JsonObject());
        return CompletableFuture.completedFuture(ExecuteResult.ok());
    }

    @Override
    public CompletableFuture<Completion> complete(String code, int cursorPos) {
        // Completes the word before the cursor with "Completed"; positions are Java indices.
        int start = cursorPos;
        while (start > 0 && Character.isLetter(code.charAt(start - 1))) {
            start--;
        }
        return CompletableFuture.completedFuture(new Completion(
                List.of(code.substring(start, cursorPos) + "Completed"), start, cursorPos, new JsonObject()));
    }

    @Override
    public CompletableFuture<Inspection> inspect(String code, int cursorPos, int detailLevel) {
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", "doc of " + code);
        return CompletableFuture.completedFuture(new Inspection(true, data, new JsonObject()));
    }

    @Override
    public CompletableFuture<IsCompleteResult> isComplete(String code) {
        return CompletableFuture.completedFuture(code.endsWith("{")
                ? new IsCompleteResult(IsCompleteResult.Status.INCOMPLETE, "    ")
                : IsCompleteResult.of(IsCompleteResult.Status.COMPLETE));
    }

    @Override
    public void interrupt() {
        CompletableFuture<ExecuteResult> r = running;
        if (r != null) {
            r.complete(ExecuteResult.error("Interrupted", "interrupted", List.of("Interrupted")));
        }
    }

    @Override
    public void shutdown(boolean restart) {
        shutdowns.add(restart);
    }
}
