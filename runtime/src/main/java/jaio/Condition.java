package jaio;

import java.util.ArrayDeque;
import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * A condition variable for tasks (asyncio.Condition, Python 3.13 semantics): tasks holding its
 * lock wait until another task notifies them.
 *
 * <p>The lock is a new {@link Lock}, or one shared with other conditions. {@code async with cond:}
 * is {@code cond.hold(() -> ...)}. Waking is FIFO; a notified waiter returns from
 * {@link #wait_()} only once it holds the lock again. A wait may end spuriously (when a waiter
 * that was notified is cancelled, another one is notified in its place), so callers re-check
 * their condition, which {@link #waitFor(BooleanSupplier)} does.
 *
 * <p>Java reserves {@code wait()}, {@code notify()} and {@code notifyAll()} for {@link Object}'s
 * monitor methods, so Python's {@code wait()}, {@code notify()} and {@code notify_all()} are
 * {@link #wait_()}, {@link #notify_()} and {@link #notifyAll_()} (PEP 8's trailing underscore);
 * {@code notify(n)} keeps its name. Called by mistake, Object's versions throw
 * IllegalMonitorStateException.
 */
public class Condition implements Acquirable {
    private final Lock lock;
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    private final LoopBound loop = new LoopBound();

    /** A condition with its own new lock. */
    public Condition() {
        this(new Lock());
    }

    /** A condition over {@code lock}, which other conditions may share. */
    public Condition(Lock lock) {
        this.lock = Objects.requireNonNull(lock, "lock");
    }

    /** Whether the underlying lock is held. */
    @Override
    public boolean locked() {
        return lock.locked();
    }

    /** Acquires the underlying lock. */
    @Override
    public Coroutine<Boolean> acquire() {
        return lock.acquire();
    }

    /** Releases the underlying lock. */
    @Override
    public void release() {
        lock.release();
    }

    /**
     * A coroutine that releases the lock, waits until notified, acquires the lock again (even when
     * cancelled meanwhile) and returns true.
     *
     * @throws AsyncRuntimeError "cannot wait on un-acquired lock" if the lock is not held
     */
    public Coroutine<Boolean> wait_() {
        return new Coroutine<>("Condition.wait", this::waitNow);
    }

    private boolean waitNow() {
        loop.currentTask(this, "wait on a Condition");
        if (!locked()) {
            throw new AsyncRuntimeError("cannot wait on un-acquired lock");
        }
        Future<Boolean> fut = loop.createFuture(this, "wait on a Condition");
        release();
        try {
            try {
                waiters.addLast(fut);
                try {
                    fut.await();
                    return true;
                } finally {
                    waiters.remove(fut);
                }
            } finally {
                // Must re-acquire the lock even if the wait is cancelled. Only CancelledError is
                // caught, so that another failure cannot make this loop spin.
                CancelledError err = null;
                while (true) {
                    try {
                        lock.acquire().await();
                        break;
                    } catch (CancelledError e) {
                        err = e;
                    }
                }
                if (err != null) {
                    throw err;
                }
            }
        } catch (Throwable t) {
            // Whatever leaves here may have happened after this task was notified: notify another
            // one in its place (a possibly spurious wake-up, which the protocol allows).
            notifyWaiters(1);
            throw t;
        }
    }

    /**
     * A coroutine that waits (see {@link #wait_()}) until {@code predicate} is true, checking it
     * first and after every wake-up, with the lock held; returns true.
     */
    public Coroutine<Boolean> waitFor(BooleanSupplier predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return new Coroutine<>("Condition.wait_for", () -> {
            boolean result = predicate.getAsBoolean();
            while (!result) {
                wait_().await();
                result = predicate.getAsBoolean();
            }
            return result;
        });
    }

    /** Wakes one waiting task, if any (Python's {@code notify()}). The lock must be held. */
    public void notify_() {
        notify(1);
    }

    /**
     * Wakes up to {@code n} waiting tasks, oldest first. They return from their wait once they get
     * the lock, which the caller still holds.
     *
     * @throws AsyncRuntimeError "cannot notify on un-acquired lock" if the lock is not held
     */
    public void notify(int n) {
        loop.checkCaller(this, "notify a Condition");
        if (!locked()) {
            throw new AsyncRuntimeError("cannot notify on un-acquired lock");
        }
        notifyWaiters(n);
    }

    /** Wakes every waiting task (Python's {@code notify_all()}). The lock must be held. */
    public void notifyAll_() {
        notify(waiters.size());
    }

    private void notifyWaiters(int n) {
        int idx = 0;
        for (Future<Boolean> fut : waiters) {
            if (idx >= n) {
                break;
            }
            if (!fut.done()) {
                idx++;
                fut.setResult(false);
            }
        }
    }

    /** Like asyncio's repr: {@code <jaio.Condition object at 0x... [locked, waiters:1]>}. */
    @Override
    public String toString() {
        String extra = locked() ? "locked" : "unlocked";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return Reprs.object(this, extra);
    }
}
