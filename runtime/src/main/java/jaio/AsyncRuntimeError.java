package jaio;

/**
 * Python's RuntimeError as asyncio raises it: a misuse of the loop or of a coroutine (running a
 * loop that is already running, awaiting a coroutine twice, awaiting outside a task...).
 */
public class AsyncRuntimeError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public AsyncRuntimeError(String message) {
        super(message);
    }

    public AsyncRuntimeError(String message, Throwable cause) {
        super(message, cause);
    }
}
