package jaio;

/**
 * Something a task can wait for: asyncio's awaitable (an object with {@code __await__}).
 *
 * <p>{@link Async#await(Awaitable)} calls {@link #await()} on the task that awaits; the
 * implementation may suspend that task (hand the loop back) any number of times and returns the
 * value or throws the exception the awaitable ends with.
 */
@FunctionalInterface
public interface Awaitable<T> {
    /**
     * Waits for the result, suspending the current task ({@code await x} in Python); throws what the
     * awaited operation threw.
     */
    T await();
}
