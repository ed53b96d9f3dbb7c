package jaio;

/** asyncio.InvalidStateError: an operation on a Future or Task in the wrong state. */
public class InvalidStateError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public InvalidStateError(String message) {
        super(message);
    }
}
