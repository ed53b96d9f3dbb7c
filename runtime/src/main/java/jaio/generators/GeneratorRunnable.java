package jaio.generators;

/** The body of a generator that returns nothing (Python: no {@code return value}). */
@FunctionalInterface
public interface GeneratorRunnable<T> {
    void run(Yielder<T> y) throws Exception;
}
