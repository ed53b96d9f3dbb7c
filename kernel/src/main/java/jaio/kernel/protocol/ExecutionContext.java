package jaio.kernel.protocol;

import com.google.gson.JsonObject;
import java.util.concurrent.CompletableFuture;

/** What a running cell can reach of the kernel: its output, its parent message, and the frontend's stdin. */
public interface ExecutionContext extends OutputSink {

    /** The count shown as {@code In [n]} for this cell. */
    int executionCount();

    /** The execute_request's header (do not modify). */
    JsonObject parentHeader();

    /**
     * Asks the frontend for a line of input ({@code input_request} on stdin) and completes with the
     * {@code input_reply}'s value. Fails with {@link InputUnavailableException} when the frontend does
     * not allow stdin, and with {@link InputInterruptedException} when the kernel is interrupted while
     * waiting. Callable from any thread.
     */
    CompletableFuture<String> requestInput(String prompt, boolean password);
}
