package jaio.kernel.protocol;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Calls into the session so that a throw or a null future becomes a failed future, never a broken loop. */
final class SessionCalls {

    private SessionCalls() {
    }

    static <T> CompletableFuture<T> call(String what, Supplier<CompletableFuture<T>> call) {
        try {
            CompletableFuture<T> future = call.get();
            return future != null ? future
                    : CompletableFuture.failedFuture(new IllegalStateException("session returned no future for " + what));
        } catch (RuntimeException | Error e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
