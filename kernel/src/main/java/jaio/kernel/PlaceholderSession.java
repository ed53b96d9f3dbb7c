package jaio.kernel;

import jaio.kernel.protocol.Completion;
import jaio.kernel.protocol.ExecuteRequest;
import jaio.kernel.protocol.ExecuteResult;
import jaio.kernel.protocol.ExecutionContext;
import jaio.kernel.protocol.Inspection;
import jaio.kernel.protocol.IsCompleteResult;
import jaio.kernel.protocol.KernelServices;
import jaio.kernel.protocol.LanguageInfo;
import jaio.kernel.protocol.LanguageSession;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Stands in for the JShell session until it exists: the protocol works end to end, every execute
 * answers with an error that says so.
 */
final class PlaceholderSession implements LanguageSession {

    PlaceholderSession(KernelServices services) {
    }

    @Override
    public LanguageInfo languageInfo() {
        return new LanguageInfo("java", String.valueOf(Runtime.version().feature()), "text/x-java-source",
                ".jsh", "java", "text/x-java", null);
    }

    @Override
    public CompletableFuture<ExecuteResult> execute(ExecuteRequest request, ExecutionContext context) {
        return CompletableFuture.completedFuture(ExecuteResult.error("NotImplemented",
                "the Java session is not built yet", List.of("NotImplemented: the Java session is not built yet")));
    }

    @Override
    public CompletableFuture<Completion> complete(String code, int cursorPos) {
        return CompletableFuture.completedFuture(Completion.none(cursorPos));
    }

    @Override
    public CompletableFuture<Inspection> inspect(String code, int cursorPos, int detailLevel) {
        return CompletableFuture.completedFuture(Inspection.notFound());
    }

    @Override
    public CompletableFuture<IsCompleteResult> isComplete(String code) {
        return CompletableFuture.completedFuture(IsCompleteResult.of(IsCompleteResult.Status.UNKNOWN));
    }

    @Override
    public void interrupt() {
    }

    @Override
    public void shutdown(boolean restart) {
    }
}
