package jaio;

import java.util.ArrayDeque;

/**
 * A counter of permits for tasks (asyncio.Semaphore, Python 3.13 semantics).
 *
 * <p>{@link #acquire()} takes a permit, waiting while there is none; {@link #release()} gives one
 * back and wakes the oldest waiter. Waiting is FIFO: while tasks that are not cancelled wait, a
 * newcomer waits too even if a permit is free. A waiter that is cancelled after being handed a
 * permit gives it back and passes the wake-up on, so no permit is lost.
 * {@code async with sem:} is {@code sem.hold(() -> ...)}.
 */
public class Semaphore implements Acquirable {
    private ArrayDeque<Future<Boolean>> waiters;
    /** Free permits: may be handed to a woken waiter before it runs (3.12's wake-up race fix). */
    private int value;
    private final LoopBound loop = new LoopBound();

    /** A semaphore with one permit. */
    public Semaphore() {
        this(1);
    }

    /**
     * A semaphore with {@code value} permits.
     *
     * @throws ValueError "Semaphore initial value must be >= 0" (Python's ValueError)
     */
    public Semaphore(int value) {
        if (value < 0) {
            throw new ValueError("Semaphore initial value must be >= 0");
        }
        this.value = value;
    }

    /** The free permits now (asyncio's {@code _value}, for inspection). */
    public int value() {
        return value;
    }

    /**
     * Whether {@link #acquire()} would wait now: no permit is free, or tasks that are not cancelled
     * are waiting and must go first.
     */
    @Override
    public boolean locked() {
        return value == 0 || (waiters != null && waiters.stream().anyMatch(w -> !w.cancelled()));
    }

    /** A coroutine that takes a permit, waiting for one (in FIFO order) if needed, and returns true. */
    @Override
    public Coroutine<Boolean> acquire() {
        return new Coroutine<>("Semaphore.acquire", this::acquireNow);
    }

    private boolean acquireNow() {
        loop.currentTask(this, "acquire a Semaphore");
        if (!locked()) {
            // FIFO: only when nobody waits ahead of us.
            value--;
            return true;
        }
        if (waiters == null) {
            waiters = new ArrayDeque<>();
        }
        Future<Boolean> fut = loop.createFuture(this, "acquire a Semaphore");
        waiters.addLast(fut);
        try {
            try {
                fut.await();
            } finally {
                waiters.remove(fut);
            }
        } catch (CancelledError e) {
            if (fut.done() && !fut.cancelled()) {
                // wakeUpNext() handed us a permit, but we will not take it: give it back (the
                // finally block below hands it to the next waiter).
                value++;
            }
            throw e;
        } finally {
            // New waiters may have arrived and had to queue because of FIFO: wake as many as
            // there are permits.
            while (value > 0) {
                if (!wakeUpNext()) {
                    break;
                }
            }
        }
        return true;
    }

    /** Gives a permit back and wakes the oldest waiter that is not yet woken. */
    @Override
    public void release() {
        loop.checkCaller(this, "release a " + getClass().getSimpleName());
        value++;
        wakeUpNext();
    }

    /** Hands a permit to the first waiter that is not done; false if there is none. */
    private boolean wakeUpNext() {
        if (waiters == null || waiters.isEmpty()) {
            return false;
        }
        for (Future<Boolean> fut : waiters) {
            if (!fut.done()) {
                value--;
                fut.setResult(true);
                return true;
            }
        }
        return false;
    }

    /** Like asyncio's repr: {@code <jaio.Semaphore object at 0x... [unlocked, value:2, waiters:1]>}. */
    @Override
    public String toString() {
        String extra = locked() ? "locked" : "unlocked, value:" + value;
        if (waiters != null && !waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return Reprs.object(this, extra);
    }
}
