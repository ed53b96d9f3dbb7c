package jaio;

/** asyncio.InvalidStateError: an operation on a Future or Task in the wrong state. */
public class InvalidStateError extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * The operation is not allowed in the object's state, e.g. a result set twice (asyncio's {@code
     * InvalidStateError}).
     */
    public InvalidStateError(String message) {
        super(message);
    }
}
