package jaio;

/**
 * The body of a generator that returns a value (a {@code def} with {@code yield} and
 * {@code return value}): it yields through {@code y} and its return value becomes the
 * {@link StopIteration#value()} of the generator.
 */
@FunctionalInterface
public interface GeneratorCallable<T> {
    Object call(Yielder<T> y) throws Exception;
}
