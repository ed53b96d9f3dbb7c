package jaio;

import java.io.UncheckedIOException;

/**
 * The stream ended before the read was satisfied (asyncio.IncompleteReadError, an EOFError):
 * {@link #partial()} holds the bytes that did arrive, {@link #expected()} how many were wanted
 * (null when the read was for a separator). Unchecked, so it can be caught around an await.
 */
public class IncompleteReadError extends UncheckedIOException {
    private final byte[] partial;
    private final Integer expected;

    /**
     * The stream ended after {@code partial} was read, before {@code expected} bytes (null: before the
     * separator) (asyncio's {@code IncompleteReadError}).
     */
    public IncompleteReadError(byte[] partial, Integer expected) {
        super(partial.length + " bytes read on a total of " + (expected == null ? "None" : expected) + " expected bytes",
                new java.io.EOFException());
        this.partial = partial;
        this.expected = expected;
    }

    /** The bytes read before the end of the stream. */
    public byte[] partial() {
        return partial.clone();
    }

    /** The number of bytes wanted, or null if the read was for a separator. */
    public Integer expected() {
        return expected;
    }
}
