package jaio;

/**
 * Python's RuntimeError as asyncio raises it: a misuse of the loop or of a coroutine (running a
 * loop that is already running, awaiting a coroutine twice, awaiting outside a task...).
 */
public class AsyncRuntimeError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** A RuntimeError of the async machinery, e.g. no running event loop (Python's {@code RuntimeError}). */
    public AsyncRuntimeError(String message) {
        super(message);
    }

    /** A RuntimeError with {@code message}, raised from {@code cause} (Python's {@code RuntimeError}). */
    public AsyncRuntimeError(String message, Throwable cause) {
        super(message, cause);
    }
}
