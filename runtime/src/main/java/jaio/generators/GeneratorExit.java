package jaio.generators;

/**
 * Raised inside a generator body at its paused {@code yield} by {@link Generator#close()}:
 * Python's GeneratorExit.
 *
 * <p>It extends {@link Error}, as Python's derives from BaseException only: a body's
 * {@code catch (Exception e)} must not swallow it, or closing would fail with "generator ignored
 * GeneratorExit". A body may catch it to clean up, but must then return or rethrow, never yield.
 */
public class GeneratorExit extends Error {
    private static final long serialVersionUID = 1L;

    /** Thrown into a generator by {@code close()} (Python's {@code GeneratorExit}). */
    public GeneratorExit() {
        super();
    }

    /** A GeneratorExit with {@code message} (Python's {@code GeneratorExit}). */
    public GeneratorExit(String message) {
        super(message);
    }
}
