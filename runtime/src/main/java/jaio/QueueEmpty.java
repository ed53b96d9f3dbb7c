package jaio;

/** {@link Queue#getNowait()} found the queue empty (asyncio.QueueEmpty). */
public class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Thrown by {@code getNowait} on an empty queue (asyncio's {@code QueueEmpty}). */
    public QueueEmpty() {
        super();
    }
}
