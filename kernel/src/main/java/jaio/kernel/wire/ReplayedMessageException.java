package jaio.kernel.wire;

/**
 * A correctly signed message whose signature was already seen: a copy of an earlier message sent
 * again, perhaps by a process that captured it. Never dispatched, so a replayed execute_request does
 * not run its cell twice.
 */
public final class ReplayedMessageException extends MalformedMessageException {

    public ReplayedMessageException(String message) {
        super(message);
    }
}
