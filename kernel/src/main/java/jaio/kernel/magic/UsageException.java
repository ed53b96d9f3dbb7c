package jaio.kernel.magic;

/**
 * A magic was given arguments it cannot take: the cell fails with
 * {@code UsageError: <message>. Usage: <the magic's usage>}, on one line, as IPython's UsageError.
 */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message, null, false, false);
    }
}
