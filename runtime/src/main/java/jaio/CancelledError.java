package jaio;

/**
 * The operation was cancelled: asyncio.CancelledError.
 *
 * <p>It extends {@link Error}, not {@link Exception}, for the same reason asyncio's derives from
 * BaseException: a {@code catch (Exception e)} in user code must not swallow a cancellation, or
 * {@code task.cancel()} would silently stop working.
 */
public class CancelledError extends Error {
    private static final long serialVersionUID = 1L;

    /**
     * The operation was cancelled (asyncio's {@code CancelledError}); let it propagate unless you mean
     * to stop the cancellation.
     */
    public CancelledError() {
        super();
    }

    /**
     * A CancelledError with {@code message}, the {@code msg} given to {@code cancel(msg)} (asyncio's
     * {@code CancelledError}).
     */
    public CancelledError(String message) {
        super(message);
    }

    /** The message given to {@code cancel(msg)}, or null (asyncio: {@code exc.args[0]}). */
    public String message() {
        return getMessage();
    }
}
