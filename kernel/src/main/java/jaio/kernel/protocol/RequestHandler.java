package jaio.kernel.protocol;

/**
 * Handles one message type. Called on the loop of the channel the request came in on; must not block
 * that loop: work that takes time completes the request later, from any thread.
 */
@FunctionalInterface
public interface RequestHandler {

    void handle(Request request);

    /**
     * True if the handler publishes {@code busy} itself, when the work really starts (execute requests
     * wait in a queue); otherwise the dispatcher publishes it on arrival.
     */
    default boolean announcesBusyItself() {
        return false;
    }

    /**
     * True if the handler replies from {@link #handle} itself (not later, from another thread) and
     * publishes nothing on iopub: then the dispatcher lets {@code busy} go out together with the
     * reply, still before it ({@link Request#deferBusy}).
     */
    default boolean answersAtOnce() {
        return false;
    }
}
