package jaio;

/**
 * The queue was shut down (asyncio.QueueShutDown, new in 3.13): raised by put after
 * {@link Queue#shutdown()}, and by get once the queue is empty (at once after an immediate shutdown).
 */
public class QueueShutDown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Thrown by a queue's {@code put} or {@code get} after {@code shutdown()} (asyncio's {@code
     * QueueShutDown}).
     */
    public QueueShutDown() {
        super();
    }
}
