package jaio.kernel.wire;

/**
 * Frames that are not a Jupyter message (no delimiter, too few frames, a JSON part that is not an
 * object) or whose signature does not match. The kernel logs it and drops the frames: a peer's
 * garbage must never reach a handler nor stop a socket loop.
 */
public class MalformedMessageException extends Exception {

    public MalformedMessageException(String message) {
        super(message);
    }

    public MalformedMessageException(String message, Throwable cause) {
        super(message, cause);
    }
}
