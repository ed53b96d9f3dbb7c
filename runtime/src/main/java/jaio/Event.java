package jaio;

import java.util.ArrayDeque;

/**
 * A flag tasks can wait for (asyncio.Event, Python 3.13 semantics).
 *
 * <p>{@link #set()} wakes every waiting task (in the order they started waiting) and makes later
 * waits return at once until {@link #clear()}.
 *
 * <p>Python's {@code await event.wait()} is {@code await(event.wait_())}: Java reserves
 * {@code wait()} for {@link Object#wait()} (which, called by mistake, throws
 * IllegalMonitorStateException), so the trailing underscore follows PEP 8's convention for a
 * name that clashes with a reserved one.
 */
public class Event {
    private final ArrayDeque<Future<Boolean>> waiters = new ArrayDeque<>();
    private boolean value;
    private final LoopBound loop = new LoopBound();

    /** A new event, not set (asyncio's {@code Event()}). */
    public Event() {}

    /** Whether the flag is set (asyncio's {@code is_set()}). */
    public boolean isSet() {
        return value;
    }

    /** Sets the flag and wakes every waiting task; later waits return at once. */
    public void set() {
        loop.checkCaller(this, "set an Event");
        if (!value) {
            value = true;
            for (Future<Boolean> fut : waiters) {
                if (!fut.done()) {
                    fut.setResult(true);
                }
            }
        }
    }

    /** Resets the flag: later waits block until {@link #set()}. */
    public void clear() {
        loop.checkCaller(this, "clear an Event");
        value = false;
    }

    /** A coroutine that returns true once the flag is set (at once if it is set now). */
    public Coroutine<Boolean> wait_() {
        return new Coroutine<>("Event.wait", this::waitNow);
    }

    private boolean waitNow() {
        loop.currentTask(this, "wait for an Event");
        if (value) {
            return true;
        }
        Future<Boolean> fut = loop.createFuture(this, "wait for an Event");
        waiters.addLast(fut);
        try {
            fut.await();
            return true;
        } finally {
            waiters.remove(fut);
        }
    }

    /** Like asyncio's repr: {@code <jaio.Event object at 0x... [unset, waiters:1]>}. */
    @Override
    public String toString() {
        String extra = value ? "set" : "unset";
        if (!waiters.isEmpty()) {
            extra += ", waiters:" + waiters.size();
        }
        return Reprs.object(this, extra);
    }
}
