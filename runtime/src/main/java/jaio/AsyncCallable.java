package jaio;

/** The body of a coroutine that returns a value (an {@code async def} with a {@code return}). */
@FunctionalInterface
public interface AsyncCallable<T> {
    /**
     * The coroutine's body: it may {@code await}, and returns the coroutine's result (the body of an
     * {@code async def}).
     */
    T call() throws Exception;
}
