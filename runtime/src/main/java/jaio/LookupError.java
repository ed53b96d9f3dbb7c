package jaio;

/** A key or variable has no value: Python's LookupError (raised by {@link ContextVar#get()}). */
public class LookupError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A key or name is not there, e.g. a ContextVar with no value (Python's {@code LookupError}). */
    public LookupError(String message) {
        super(message);
    }
}
