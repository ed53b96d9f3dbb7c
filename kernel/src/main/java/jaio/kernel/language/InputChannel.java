package jaio.kernel.language;

import java.util.concurrent.CompletableFuture;

/**
 * How a cell asks the frontend for a line of input (the protocol's input_request on stdin). The
 * future fails when the frontend cannot answer (allow_stdin false) or the request is interrupted.
 */
@FunctionalInterface
public interface InputChannel {
    CompletableFuture<String> request(String prompt, boolean password);

    /** For cells whose frontend takes no input. */
    InputChannel NONE = (prompt, password) -> CompletableFuture.failedFuture(
            new UnsupportedOperationException("this frontend does not accept input (allow_stdin is false)"));
}
