import jaio.Coroutine;
import jaio.Queue;

/** W3's channel over jaio.Queue (compiled by run.sh only when the runtime jar has jaio.Queue). */
public final class QueueChannel<T> implements PingPongChannel<T> {
    private final Queue<T> queue = new Queue<>();

    @Override
    public Coroutine<Void> put(T item) {
        return queue.put(item);
    }

    @Override
    public Coroutine<T> get() {
        return queue.get();
    }
}
