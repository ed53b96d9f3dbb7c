package jaio;

/**
 * The user interrupted (Python's KeyboardInterrupt, a BaseException): raised into the code a user
 * asked to stop, for example by the kernel's interrupt. An {@link Error} so that
 * {@code catch (Exception e)} does not swallow it.
 */
public class KeyboardInterrupt extends Error {
    private static final long serialVersionUID = 1L;

    /** A KeyboardInterrupt: the user interrupted (Python's {@code KeyboardInterrupt}). */
    public KeyboardInterrupt() {
        super();
    }

    /** A KeyboardInterrupt with {@code message} (Python's {@code KeyboardInterrupt}). */
    public KeyboardInterrupt(String message) {
        super(message);
    }
}
