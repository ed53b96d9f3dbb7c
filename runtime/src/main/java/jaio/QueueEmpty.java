package jaio;

/** {@link Queue#getNowait()} found the queue empty (asyncio.QueueEmpty). */
public class QueueEmpty extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueEmpty() {
        super();
    }
}
