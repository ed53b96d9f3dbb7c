package jaio;

/** The body of a coroutine that returns a value (an {@code async def} with a {@code return}). */
@FunctionalInterface
public interface AsyncCallable<T> {
    T call() throws Exception;
}
