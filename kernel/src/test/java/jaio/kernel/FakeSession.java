package jaio.kernel;

import jaio.kernel.language.CellContext;
import jaio.kernel.language.CompletionResult;
import jaio.kernel.language.ExecutionResult;
import jaio.kernel.language.InspectionResult;
import jaio.kernel.language.IsCompleteResult;
import jaio.kernel.language.LanguageInfo;
import jaio.kernel.language.LanguageSession;
import jaio.kernel.language.OutputSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A tiny language for protocol tests. {@code sleep N}: finishes after N ms (interruptible);
 * {@code fail}: error; {@code input P}: asks the frontend with prompt P and prints the answer;
 * {@code page T}: shows T in the pager; anything else: printed to stdout and returned as the
 * text/plain result.
 */
final class FakeSession implements LanguageSession {

    final List<String> executed = new CopyOnWriteArrayList<>();
    final List<Boolean> shutdowns = new CopyOnWriteArrayList<>();
    private volatile CompletableFuture<ExecutionResult> running;

    @Override
    public LanguageInfo languageInfo() {
        return new LanguageInfo("fake", "1.0", "text/x-fake", ".fake", null, null, null);
    }

    @Override
    public CompletableFuture<ExecutionResult> execute(String code, CellContext cell, OutputSink output) {
        executed.add(code);
        if (code.startsWith("sleep ")) {
            long ms = Long.parseLong(code.substring(6).trim());
            CompletableFuture<ExecutionResult> done = new CompletableFuture<>();
            running = done;
            CompletableFuture.delayedExecutor(ms, TimeUnit.MILLISECONDS).execute(() -> done.complete(ExecutionResult.ok()));
            return done;
        }
        if (code.equals("fail")) {
            return CompletableFuture.completedFuture(
                    new ExecutionResult.Error("FakeError", "failed on purpose", List.of("FakeError: failed on purpose")));
        }
        if (code.startsWith("input ")) {
            return cell.input().request(code.substring(6), false).handle((value, error) -> {
                if (error != null) {
                    Throwable cause = error instanceof CompletionException ? error.getCause() : error;
                    return new ExecutionResult.Error("InputError", String.valueOf(cause), List.of());
                }
                output.stream("stdout", value);
                return ExecutionResult.ok();
            });
        }
        if (code.startsWith("page ")) {
            return CompletableFuture.completedFuture(ExecutionResult.page(code.substring(5)));
        }
        output.stream("stdout", code);
        output.executeResult(Map.of("text/plain", code), Map.of());
        return CompletableFuture.completedFuture(ExecutionResult.ok());
    }

    @Override
    public CompletableFuture<CompletionResult> complete(String code, int cursor) {
        // Completes the word before the cursor with "Completed"; positions are Java indices.
        int start = cursor;
        while (start > 0 && Character.isLetter(code.charAt(start - 1))) {
            start--;
        }
        return CompletableFuture.completedFuture(new CompletionResult(
                List.of(code.substring(start, cursor) + "Completed"), start, cursor));
    }

    @Override
    public CompletableFuture<InspectionResult> inspect(String code, int cursor, int detailLevel) {
        return CompletableFuture.completedFuture(new InspectionResult(true, "doc of " + code));
    }

    @Override
    public CompletableFuture<IsCompleteResult> isComplete(String code) {
        return CompletableFuture.completedFuture(code.endsWith("{") ? IsCompleteResult.INCOMPLETE : IsCompleteResult.COMPLETE);
    }

    @Override
    public void interrupt() {
        CompletableFuture<ExecutionResult> r = running;
        if (r != null) {
            r.complete(new ExecutionResult.Error("Interrupted", "interrupted", List.of("Interrupted")));
        }
    }

    @Override
    public void shutdown(boolean restart) {
        shutdowns.add(restart);
    }
}
