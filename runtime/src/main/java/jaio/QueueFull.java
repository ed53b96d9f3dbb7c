package jaio;

/** {@link Queue#putNowait(Object)} found the queue full (asyncio.QueueFull). */
public class QueueFull extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueFull() {
        super();
    }
}
