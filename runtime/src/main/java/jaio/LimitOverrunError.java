package jaio;

/**
 * A separator was not found within the reader's limit (asyncio.LimitOverrunError);
 * {@link #consumed()} is how many bytes must be consumed to get past the data seen so far.
 */
public class LimitOverrunError extends RuntimeException {
    private final int consumed;

    /**
     * A read found no separator within the stream's limit; {@code consumed} bytes are to skip
     * (asyncio's {@code LimitOverrunError}).
     */
    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    /** How many bytes to consume before reading again (asyncio's {@code LimitOverrunError.consumed}). */
    public int consumed() {
        return consumed;
    }
}
