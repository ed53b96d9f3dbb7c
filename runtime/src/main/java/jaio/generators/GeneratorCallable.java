package jaio.generators;

/**
 * The body of a generator that returns a value (a {@code def} with {@code yield} and
 * {@code return value}): it yields through {@code y} and its return value becomes the
 * {@link StopIteration#value()} of the generator.
 *
 * <p>It extends {@link GeneratorRunnable} only so that a lambda fitting both (a body that never
 * completes normally, such as an endless {@code while (true)} loop) resolves to this one.
 */
@FunctionalInterface
public interface GeneratorCallable<T> extends GeneratorRunnable<T> {
    /** The generator's body: yields values through {@code y} and returns the generator's return value. */
    Object call(Yielder<T> y) throws Exception;

    @Override
    default void run(Yielder<T> y) throws Exception {
        call(y);
    }
}
