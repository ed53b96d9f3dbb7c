package jaio;

/**
 * A {@link Barrier} was aborted or reset while a task waited at it, or is broken
 * (asyncio.BrokenBarrierError, a RuntimeError in Python).
 */
public class BrokenBarrierError extends AsyncRuntimeError {
    private static final long serialVersionUID = 1L;

    /**
     * Thrown by {@code Barrier.await} when the barrier is broken or reset while waiting (asyncio's
     * {@code BrokenBarrierError}).
     */
    public BrokenBarrierError(String message) {
        super(message);
    }
}
