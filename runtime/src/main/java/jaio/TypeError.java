package jaio;

/**
 * Python's TypeError where the runtime mirrors it: an operation applied to an object of the wrong
 * kind ({@code next()} on a coroutine, sending a value to a just-started generator).
 */
public class TypeError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * A TypeError with {@code message}: a value of the wrong type was passed (Python's {@code
     * TypeError}).
     */
    public TypeError(String message) {
        super(message);
    }
}
