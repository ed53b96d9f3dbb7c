package jaio;

/**
 * A deadline passed: Python's builtin TimeoutError (asyncio.TimeoutError is an alias of it since
 * 3.11). Unchecked, so it can be caught where it is expected and ignored elsewhere.
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * A TimeoutError with no message: an operation exceeded its deadline (asyncio's {@code
     * TimeoutError}).
     */
    public TimeoutError() {
        super();
    }

    /** A TimeoutError with {@code message} (asyncio's {@code TimeoutError}). */
    public TimeoutError(String message) {
        super(message);
    }

    /**
     * A TimeoutError with {@code message}, raised from {@code cause}, usually the CancelledError a
     * timeout turned into this error.
     */
    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
