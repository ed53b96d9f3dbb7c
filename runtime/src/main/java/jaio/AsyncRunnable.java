package jaio;

/** The body of a coroutine that returns nothing (an {@code async def} without a value). */
@FunctionalInterface
public interface AsyncRunnable {
    void run() throws Exception;
}
