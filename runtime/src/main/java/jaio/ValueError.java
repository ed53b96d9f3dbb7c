package jaio;

/**
 * Python's ValueError where the runtime mirrors it, e.g. "generator already executing" when a
 * generator is resumed from inside its own body.
 */
public class ValueError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public ValueError(String message) {
        super(message);
    }
}
