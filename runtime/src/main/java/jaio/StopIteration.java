package jaio;

import java.util.NoSuchElementException;

/**
 * The generator is exhausted: Python's StopIteration, carrying the generator's return value.
 *
 * <p>{@code next()}, {@code send()} and {@code throwIn()} throw it when the body returns; a body's
 * {@code return "bobby"} arrives as {@code e.value()}. It extends NoSuchElementException so that a
 * {@link Generator} keeps the {@link java.util.Iterator} contract. Its message is the value's text,
 * so an uncaught one reads like Python's {@code StopIteration: bobby}.
 */
public class StopIteration extends NoSuchElementException {
    private static final long serialVersionUID = 1L;

    private final transient Object value;

    /** An iterator is exhausted (Python's {@code StopIteration}). */
    public StopIteration() {
        this(null);
    }

    /**
     * An iterator or generator ended with the return value {@code value} (Python's {@code
     * StopIteration(value)}).
     */
    public StopIteration(Object value) {
        super(value == null ? null : String.valueOf(value));
        this.value = value;
    }

    /** The generator's return value ({@code e.value} in Python); null if it returned nothing. */
    @SuppressWarnings("unchecked")
    public <R> R value() {
        return (R) value;
    }
}
