package jaio;

/**
 * A deadline passed: Python's builtin TimeoutError (asyncio.TimeoutError is an alias of it since
 * 3.11). Unchecked, so it can be caught where it is expected and ignored elsewhere.
 */
public class TimeoutError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TimeoutError() {
        super();
    }

    public TimeoutError(String message) {
        super(message);
    }

    public TimeoutError(String message, Throwable cause) {
        super(message, cause);
    }
}
