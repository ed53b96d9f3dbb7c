package jaio;

/**
 * A separator was not found within the reader's limit (asyncio.LimitOverrunError);
 * {@link #consumed()} is how many bytes must be consumed to get past the data seen so far.
 */
public class LimitOverrunError extends RuntimeException {
    private final int consumed;

    public LimitOverrunError(String message, int consumed) {
        super(message);
        this.consumed = consumed;
    }

    public int consumed() {
        return consumed;
    }
}
