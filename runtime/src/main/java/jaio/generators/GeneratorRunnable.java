package jaio.generators;

/** The body of a generator that returns nothing (Python: no {@code return value}). */
@FunctionalInterface
public interface GeneratorRunnable<T> {
    /**
     * The generator's body: yields values through {@code y} ({@code yield x} is {@code y.yield(x)})
     * and returns nothing.
     */
    void run(Yielder<T> y) throws Exception;
}
