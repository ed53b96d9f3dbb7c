package jaio.greenlet;

/** A misuse of greenlets (Python's {@code greenlet.error}), e.g. switching to a greenlet of another thread. */
public class GreenletError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** A greenlet was used wrongly, e.g. switched to from another thread (greenlet's {@code error}). */
    public GreenletError(String message) {
        super(message);
    }
}
