package jaio.kernel.session;

/** Wrong arguments to a magic: reported in one line with the magic's usage, as IPython's UsageError. */
final class MagicUsageError extends RuntimeException {
    MagicUsageError(String message) {
        super(message, null, false, false);
    }
}
