package jaio;

/** The body of a coroutine that returns nothing (an {@code async def} without a value). */
@FunctionalInterface
public interface AsyncRunnable {
    /**
     * The coroutine's body, with no result: it may {@code await} (the body of an {@code async def}
     * returning None).
     */
    void run() throws Exception;
}
