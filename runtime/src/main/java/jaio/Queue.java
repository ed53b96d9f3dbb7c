package jaio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

/**
 * A first-in, first-out queue for tasks (asyncio.Queue, Python 3.13 semantics): producers
 * {@code await(q.put(x))}, consumers {@code await(q.get())}.
 *
 * <p>With {@code maxsize <= 0} (the default) it is unbounded; otherwise {@link #put(Object)} waits
 * while {@code maxsize} items are queued. Waiting getters and putters are woken one at a time, the
 * oldest first; a getter (putter) that is cancelled after being woken passes the wake-up to the
 * next one, so no item and no free slot is lost. {@link #taskDone()} and {@link #join()} count
 * items through to the end of their processing. After {@link #shutdown()} puts raise
 * {@link QueueShutDown}, and gets too once the queue is empty.
 *
 * <p>Subclasses choose the order by overriding {@link #putItem}, {@link #takeItem},
 * {@link #itemCount} and {@link #items} (asyncio's {@code _put}, {@code _get}, {@code _queue}):
 * {@link LifoQueue}, {@link PriorityQueue}.
 *
 * <p>Not thread-safe, like asyncio's: use it from tasks and callbacks of one loop. While that loop
 * runs, a call from another thread fails with {@link AsyncRuntimeError}; to feed a queue from a
 * thread, use {@code loop.callSoonThreadsafe(() -> q.putNowait(x))}.
 */
public class Queue<T> {
    private final int maxsize;
    /** Futures of the waiting getters, oldest first; a woken getter's future is popped by the waker. */
    private final ArrayDeque<Future<Void>> getters = new ArrayDeque<>();
    private final ArrayDeque<Future<Void>> putters = new ArrayDeque<>();
    private int unfinishedTasks;
    private boolean isShutdown;
    private final Event finished = new Event();
    /** The FIFO storage (a LinkedList: items may be null, as None is a common end marker in Python); subclasses that override the item hooks keep their own. */
    private final LinkedList<T> queue = new LinkedList<>();
    private final LoopBound loop = new LoopBound();

    /** An unbounded queue. */
    public Queue() {
        this(0);
    }

    /** A queue holding at most {@code maxsize} items; unbounded if {@code maxsize <= 0}. */
    public Queue(int maxsize) {
        this.maxsize = maxsize;
        finished.set();
    }

    // ---- the storage: overridable, as asyncio's _put/_get ---------------------------------

    /** Stores an item (asyncio's {@code _put}); FIFO here. */
    protected void putItem(T item) {
        queue.addLast(item);
    }

    /** Removes and returns the next item (asyncio's {@code _get}); called only when not empty. */
    protected T takeItem() {
        return queue.removeFirst();
    }

    /** How many items are stored. */
    protected int itemCount() {
        return queue.size();
    }

    /** The stored items in storage order, for {@link #toString()}. */
    protected List<T> items() {
        return new ArrayList<>(queue);
    }

    // ---- the queue -------------------------------------------------------------------------

    /** Wakes the next waiter (if any) that isn't cancelled, removing it from {@code waiters}. */
    private static void wakeupNext(ArrayDeque<Future<Void>> waiters) {
        while (!waiters.isEmpty()) {
            Future<Void> waiter = waiters.removeFirst();
            if (!waiter.done()) {
                waiter.setResult(null);
                break;
            }
        }
    }

    /** Number of items in the queue. */
    public int qsize() {
        return itemCount();
    }

    /** Number of items allowed in the queue; 0 or less means unbounded. */
    public int maxsize() {
        return maxsize;
    }

    /** Whether the queue is empty. */
    public boolean empty() {
        return itemCount() == 0;
    }

    /** Whether there are {@code maxsize} items in the queue; never true for an unbounded queue. */
    public boolean full() {
        if (maxsize <= 0) {
            return false;
        }
        return qsize() >= maxsize;
    }

    /** A coroutine that puts {@code item} into the queue, first waiting for a free slot if it is full. */
    public Coroutine<Void> put(T item) {
        return new Coroutine<>("Queue.put", () -> {
            putNow(item);
            return null;
        });
    }

    private void putNow(T item) {
        loop.currentTask(this, "put into a Queue");
        while (full()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            Future<Void> putter = loop.createFuture(this, "put into a Queue");
            putters.addLast(putter);
            try {
                putter.await();
            } catch (Throwable t) {
                putter.cancel(); // just in case it is not done yet
                // Clean putters of the cancelled putter; get_nowait may already have popped it.
                putters.remove(putter);
                if (!full() && !putter.cancelled()) {
                    // We were woken by getNowait() but cannot take the slot (cancelled right
                    // after the wake-up): wake the next in line.
                    wakeupNext(putters);
                }
                throw t;
            }
        }
        putNowait(item);
    }

    /**
     * Puts {@code item} into the queue without waiting.
     *
     * @throws QueueFull if no slot is free
     */
    public void putNowait(T item) {
        loop.checkCaller(this, "put into a Queue");
        if (isShutdown) {
            throw new QueueShutDown();
        }
        if (full()) {
            throw new QueueFull();
        }
        putItem(item);
        unfinishedTasks++;
        finished.clear();
        wakeupNext(getters);
    }

    /** A coroutine that removes and returns an item, first waiting for one if the queue is empty. */
    public Coroutine<T> get() {
        return new Coroutine<>("Queue.get", this::getNow);
    }

    private T getNow() {
        loop.currentTask(this, "get from a Queue");
        while (empty()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            Future<Void> getter = loop.createFuture(this, "get from a Queue");
            getters.addLast(getter);
            try {
                getter.await();
            } catch (Throwable t) {
                getter.cancel(); // just in case it is not done yet
                // Clean getters of the cancelled getter; put_nowait may already have popped it.
                getters.remove(getter);
                if (!empty() && !getter.cancelled()) {
                    // We were woken by putNowait() but cannot take the item (cancelled right
                    // after the wake-up): wake the next in line, so the item is not stranded.
                    wakeupNext(getters);
                }
                throw t;
            }
        }
        return getNowait();
    }

    /**
     * Removes and returns an item if one is there now.
     *
     * @throws QueueEmpty if the queue is empty
     */
    public T getNowait() {
        loop.checkCaller(this, "get from a Queue");
        if (empty()) {
            if (isShutdown) {
                throw new QueueShutDown();
            }
            throw new QueueEmpty();
        }
        T item = takeItem();
        wakeupNext(putters);
        return item;
    }

    /**
     * Tells the queue that the processing of an item a consumer got is complete: when every item
     * put has been marked done, {@link #join()} returns.
     *
     * @throws ValueError "task_done() called too many times" (Python's ValueError)
     */
    public void taskDone() {
        loop.checkCaller(this, "call taskDone on a Queue");
        if (unfinishedTasks <= 0) {
            throw new ValueError("task_done() called too many times");
        }
        unfinishedTasks--;
        if (unfinishedTasks == 0) {
            finished.set();
        }
    }

    /** A coroutine that waits until every item put has been gotten and marked done with {@link #taskDone()}. */
    public Coroutine<Void> join() {
        return new Coroutine<>("Queue.join", () -> {
            loop.currentTask(this, "join a Queue");
            if (unfinishedTasks > 0) {
                finished.wait_().await();
            }
            return null;
        });
    }

    /** {@code shutdown()}: puts raise {@link QueueShutDown} from now on, gets once the queue is empty. */
    public void shutdown() {
        shutdown(false);
    }

    /**
     * {@code shutdown(immediate)}: as {@link #shutdown()}; if {@code immediate}, the items left are
     * dropped, each counted as done for {@link #join()}, so gets raise at once. Every blocked getter
     * and putter is woken, to raise {@link QueueShutDown} or take what is still there.
     */
    public void shutdown(boolean immediate) {
        loop.checkCaller(this, "shut a Queue down");
        isShutdown = true;
        if (immediate) {
            while (!empty()) {
                takeItem();
                if (unfinishedTasks > 0) {
                    unfinishedTasks--;
                }
            }
            if (unfinishedTasks == 0) {
                finished.set();
            }
        }
        wakeAll(getters);
        wakeAll(putters);
    }

    private static void wakeAll(ArrayDeque<Future<Void>> waiters) {
        while (!waiters.isEmpty()) {
            Future<Void> waiter = waiters.removeFirst();
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        }
    }

    /** Like asyncio's str: {@code <Queue maxsize=0 _queue=[1, 2] _getters[1] tasks=2>}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<").append(getClass().getSimpleName()).append(" maxsize=").append(maxsize);
        if (itemCount() > 0) {
            sb.append(" _queue=").append(items());
        }
        if (!getters.isEmpty()) {
            sb.append(" _getters[").append(getters.size()).append(']');
        }
        if (!putters.isEmpty()) {
            sb.append(" _putters[").append(putters.size()).append(']');
        }
        if (unfinishedTasks > 0) {
            sb.append(" tasks=").append(unfinishedTasks);
        }
        if (isShutdown) {
            sb.append(" shutdown");
        }
        return sb.append('>').toString();
    }
}
