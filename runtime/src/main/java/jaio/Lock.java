package jaio;

import java.util.ArrayDeque;

/**
 * A mutual-exclusion lock for tasks (asyncio.Lock, Python 3.13 semantics).
 *
 * <p>Not owned by a task: any task or callback may release it. When it is released, waiting tasks
 * get it in the order they started waiting (FIFO); a newcomer does not jump ahead of waiters that
 * are not cancelled. A waiter that is cancelled just after being woken passes the wake-up on to
 * the next waiter, so no release is lost.
 *
 * <pre>{@code
 * Lock lock = new Lock();
 * lock.hold(() -> { ... });          // async with lock: ...
 * await(lock.acquire()); try { ... } finally { lock.release(); }
 * }</pre>
 *
 * <p>Use it from tasks of one loop; from another thread it fails with {@link AsyncRuntimeError}.
 */
public class Lock implements Acquirable {
    /** Futures of the waiting acquirers, oldest first; each removes its own when it stops waiting. */
    private ArrayDeque<Future<Boolean>> waiters;
    private boolean locked;
    private final LoopBound loop = new LoopBound();

    /**
     * A new unlocked lock (asyncio's {@code Lock()}); {@code async with lock:} is {@code try (var held
     * = lock.hold()) { ... }}.
     */
    public Lock() {}

    /** Whether the lock is held. */
    @Override
    public boolean locked() {
        return locked;
    }

    /**
     * A coroutine that waits until the lock is free and it is this acquirer's turn, takes the lock
     * and returns true.
     */
    @Override
    public Coroutine<Boolean> acquire() {
        return new Coroutine<>("Lock.acquire", this::acquireNow);
    }

    private boolean acquireNow() {
        loop.currentTask(this, "acquire a Lock");
        // Fair scheduling: a newcomer waits its turn; jumping the queue when every waiter is
        // cancelled is an optimization (they are about to leave it).
        if (!locked && (waiters == null || waiters.stream().allMatch(Future::cancelled))) {
            locked = true;
            return true;
        }
        if (waiters == null) {
            waiters = new ArrayDeque<>();
        }
        Future<Boolean> fut = loop.createFuture(this, "acquire a Lock");
        waiters.addLast(fut);
        try {
            try {
                fut.await();
            } finally {
                waiters.remove(fut);
            }
        } catch (CancelledError e) {
            // Keep the invariant: if the lock is free (it may have been handed to us just before
            // the cancellation), the waiter now at the head must run.
            if (!locked) {
                wakeUpFirst();
            }
            throw e;
        }
        locked = true;
        return true;
    }

    /**
     * Releases the lock and wakes the first waiter, if any.
     *
     * @throws AsyncRuntimeError "Lock is not acquired." if it is not held
     */
    @Override
    public void release() {
        loop.checkCaller(this, "release a Lock");
        if (!locked) {
            throw new AsyncRuntimeError("Lock is not acquired.");
        }
        locked = false;
        wakeUpFirst();
    }

    /** Makes sure the first waiter wakes up: done() means it is already set to wake up. */
    private void wakeUpFirst() {
        if (waiters == null || waiters.isEmpty()) {
            return;
        }
        Future<Boolean> fut = waiters.peekFirst();
        if (!fut.done()) {
            fut.setResult(true);
        }
    }

    /** Like asyncio's repr: {@code <jaio.Lock object at 0x1b6d3586 [locked, waiters:2]>}. */
    @Override
    public String toString() {
        String extra = locked ? "locked" : "unlocked";
        if (waiters != null && !waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return Reprs.object(this, extra);
    }
}
