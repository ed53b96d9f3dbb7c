package jaio;

/**
 * A {@link Semaphore} that refuses to be released above its initial value (asyncio.BoundedSemaphore):
 * catches a release without a matching acquire.
 */
public class BoundedSemaphore extends Semaphore {
    private final int boundValue;

    /** A bounded semaphore with one permit. */
    public BoundedSemaphore() {
        this(1);
    }

    /** A bounded semaphore with {@code value} permits, never more. */
    public BoundedSemaphore(int value) {
        super(value);
        this.boundValue = value;
    }

    /**
     * Gives a permit back.
     *
     * @throws ValueError "BoundedSemaphore released too many times" (Python's
     *     ValueError) if all permits are already free
     */
    @Override
    public void release() {
        if (value() >= boundValue) {
            throw new ValueError("BoundedSemaphore released too many times");
        }
        super.release();
    }
}
