package jaio;

/** {@link Queue#putNowait(Object)} found the queue full (asyncio.QueueFull). */
public class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Thrown by {@code putNowait} on a full queue (asyncio's {@code QueueFull}). */
    public QueueFull() {
        super();
    }
}
