import jaio.Async;
import jaio.Coroutine;
import jaio.Future;
import jaio.Loop;

import java.util.ArrayDeque;

/**
 * An unbounded queue with asyncio.Queue's algorithm (Lib/asyncio/queues.py), reduced to what W3
 * uses: {@code get} parks a fresh future in {@code getters} while the queue is empty, {@code put}
 * appends and wakes the first getter that is still waiting. No cancellation handling, no maxsize:
 * a benchmark stand-in until jaio.Queue exists, not a general queue.
 */
final class FutureChannel<T> implements PingPongChannel<T> {
    private final ArrayDeque<T> items = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();

    @Override
    public Coroutine<Void> put(T item) {
        return Async.async(() -> {
            items.add(item);
            wakeupNextGetter();
        });
    }

    @Override
    public Coroutine<T> get() {
        return Async.async(() -> {
            while (items.isEmpty()) {
                Future<Void> getter = Loop.getRunningLoop().createFuture();
                getters.add(getter);
                getter.await();
            }
            return items.poll();
        });
    }

    private void wakeupNextGetter() {
        Future<Void> g;
        while ((g = getters.poll()) != null) {
            if (!g.done()) {
                g.setResult(null);
                return;
            }
        }
    }
}
