package jaio;

/**
 * Python's ValueError where the runtime mirrors it, e.g. "generator already executing" when a
 * generator is resumed from inside its own body.
 */
public class ValueError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * A ValueError with {@code message}: an argument has the right type but a bad value (Python's
     * {@code ValueError}).
     */
    public ValueError(String message) {
        super(message);
    }
}
