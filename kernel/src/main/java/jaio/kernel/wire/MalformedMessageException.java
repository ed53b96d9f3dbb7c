package jaio.kernel.wire;

/**
 * Frames that are not a Jupyter message (no delimiter, too few frames, a JSON part that is not a
 * strict JSON object, a header without string msg_id and msg_type), whose signature does not match,
 * or that were already received. The kernel logs it and drops the frames: a peer's
 * garbage must never reach a handler nor stop a socket loop.
 */
public class MalformedMessageException extends Exception {

    private final transient Message answerable;

    public MalformedMessageException(String message) {
        super(message);
        this.answerable = null;
    }

    /**
     * A signed message whose header is sound but whose other parts are not: {@code answerable}
     * holds its identities and header (the other parts empty), so the kernel can send an error reply.
     */
    public MalformedMessageException(String message, Message answerable) {
        super(message);
        this.answerable = answerable;
    }

    /** The identities and header of a signed message that can be answered, or null. */
    public Message answerable() {
        return answerable;
    }
}
