package jaio;

import jaio.internal.Rethrow;

/**
 * A deadline around a block of code (asyncio.Timeout, from {@code asyncio.timeout(delay)} /
 * {@code timeout_at(when)}, 3.13 semantics).
 *
 * <p>Python's {@code async with asyncio.timeout(10) as cm: body} is
 * {@code Timeout cm = timeout(10); cm.run(() -> body);} here: Java's try-with-resources cannot see
 * the exception leaving its block, and turning the deadline's CancelledError into TimeoutError
 * needs exactly that. When the deadline passes, the task is cancelled where it awaits; if no other
 * cancellation is pending when the block ends, the CancelledError becomes {@link TimeoutError}.
 */
public final class Timeout {
    private enum State { CREATED, ENTERED, EXPIRING, EXPIRED, EXITED }

    private State state = State.CREATED;
    private Double when;
    private Handle timeoutHandler;
    private Task<?> task;
    private int cancelling;

    private Timeout(Double when) {
        this.when = when;
    }

    /** A deadline {@code delay} seconds after the block is entered... measured from now, as asyncio does. */
    public static Timeout after(double delay) {
        Loop loop = Loop.getRunningLoop();
        return new Timeout(loop.time() + delay);
    }

    /** A deadline at loop time {@code when}, or none when null. */
    public static Timeout at(Double when) {
        return new Timeout(when);
    }

    /** The deadline in loop time, or null. */
    public Double when() {
        return when;
    }

    /** Moves the deadline (null: none). Only while the block runs. */
    public void reschedule(Double newWhen) {
        if (state != State.ENTERED) {
            if (state == State.CREATED) {
                throw new AsyncRuntimeError("Timeout has not been entered");
            }
            throw new AsyncRuntimeError("Cannot change state of " + stateName() + " Timeout");
        }
        this.when = newWhen;
        if (timeoutHandler != null) {
            timeoutHandler.cancel();
        }
        if (newWhen == null || newWhen.isInfinite()) {
            timeoutHandler = null;
        } else {
            Loop loop = Loop.getRunningLoop();
            Runnable expire = new Expire();
            timeoutHandler = newWhen <= loop.time() ? loop.callSoon(expire) : loop.callAt(newWhen, expire);
        }
    }

    /** Whether the deadline passed while the block ran. */
    public boolean expired() {
        return state == State.EXPIRING || state == State.EXPIRED;
    }

    /** Runs {@code body} under this deadline (the {@code async with} block). */
    public void run(AsyncRunnable body) {
        call(() -> {
            body.run();
            return null;
        });
    }

    /** Runs {@code body} under this deadline and returns its value. */
    public <T> T call(AsyncCallable<T> body) {
        enter();
        T value;
        try {
            value = body.call();
        } catch (Throwable t) {
            exit(t);
            throw Rethrow.unchecked(t);
        }
        exit(null);
        return value;
    }

    private void enter() {
        if (state != State.CREATED) {
            throw new AsyncRuntimeError("Timeout has already been entered");
        }
        Task<?> t = Task.current();
        if (t == null) {
            throw new AsyncRuntimeError("Timeout should be used inside a task");
        }
        state = State.ENTERED;
        task = t;
        cancelling = t.cancelling();
        reschedule(when);
    }

    private void exit(Throwable error) {
        if (timeoutHandler != null) {
            timeoutHandler.cancel();
            timeoutHandler = null;
        }
        if (state == State.EXPIRING) {
            state = State.EXPIRED;
            if (task.uncancel() <= cancelling && error instanceof CancelledError) {
                throw new TimeoutError(null, error);
            }
        } else if (state == State.ENTERED) {
            state = State.EXITED;
        }
    }

    /** The deadline's callback: a class, not a method reference spun on the first timeout of a process. */
    private final class Expire implements Runnable {
        @Override
        public void run() {
            onTimeout();
        }
    }

    private void onTimeout() {
        task.cancel();
        state = State.EXPIRING;
        timeoutHandler = null;
    }

    private String stateName() {
        return switch (state) {
            case CREATED -> "created";
            case ENTERED -> "active";
            case EXPIRING -> "expiring";
            case EXPIRED -> "expired";
            case EXITED -> "finished";
        };
    }

    @Override
    public String toString() {
        return "<Timeout [" + stateName() + "]" + (state == State.ENTERED ? " when=" + when : "") + ">";
    }
}
