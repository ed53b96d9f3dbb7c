package jaio.kernel.session;

import jaio.Future;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A cell whose value is a Task, a Future or a CompletableFuture still running: the value is shown
 * as a display with an id (its state, "pending"), and replaced in place by its finished repr (the
 * result, the error or "cancelled") when it completes, also long after the cell ended.
 */
final class PendingValue {
    private PendingValue() {}

    /** Shows {@code value} if it is a pending future and returns true; false leaves it to the caller. */
    static boolean show(Cell cell, Object value) {
        if (value instanceof Future<?> f && !f.done()) {
            String id = UUID.randomUUID().toString();
            cell.output.displayData(MimeRenderer.render(f), Map.of(), id);
            f.addDoneCallback(done -> cell.output.updateDisplayData(MimeRenderer.render(done), Map.of(), id));
            return true;
        }
        if (value instanceof CompletableFuture<?> cf && !cf.isDone()) {
            String id = UUID.randomUUID().toString();
            cell.output.displayData(Map.of("text/plain", "<CompletableFuture pending>"), Map.of(), id);
            cf.whenComplete((r, e) -> cell.output.updateDisplayData(Map.of("text/plain", finished(cf, r, e)), Map.of(), id));
            return true;
        }
        return false;
    }

    private static String finished(CompletableFuture<?> cf, Object result, Throwable error) {
        if (cf.isCancelled()) {
            return "<CompletableFuture cancelled>";
        }
        if (error != null) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return "<CompletableFuture finished exception=" + cause + ">";
        }
        return "<CompletableFuture finished result=" + SessionExecutionControl.plainText(result) + ">";
    }
}
