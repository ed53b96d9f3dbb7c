package jaio;

/**
 * A meeting point for a fixed number of tasks (asyncio.Barrier, Python 3.13 semantics).
 *
 * <p>Each task awaits {@link #wait_()}; when the {@code parties}-th arrives, all of them are
 * released together and each gets its arrival index (0 for the first, {@code parties - 1} for the
 * one that filled the barrier). The barrier then drains (newcomers wait until every released task
 * has left) and fills again, so it can be reused. {@link #abort()} breaks it: waiting and later
 * tasks get {@link BrokenBarrierError}; {@link #reset()} makes the current waiters fail and
 * brings it back to filling.
 *
 * <p>Python's {@code wait()} is {@link #wait_()} because Java reserves {@code wait()} for
 * {@link Object#wait()}. Built on a {@link Condition}, as in CPython.
 */
public class Barrier {
    private enum State {
        FILLING("filling"), DRAINING("draining"), RESETTING("resetting"), BROKEN("broken");

        final String value;

        State(String value) {
            this.value = value;
        }
    }

    /** Notifies every waiting task when the state changes. */
    private final Condition cond = new Condition();
    private final int parties;
    private State state = State.FILLING;
    /** Tasks inside the barrier: filling it, or released and not yet left. */
    private int count;

    /**
     * A barrier for {@code parties} tasks.
     *
     * @throws ValueError "parties must be >= 1" (Python's ValueError)
     */
    public Barrier(int parties) {
        if (parties < 1) {
            throw new ValueError("parties must be >= 1");
        }
        this.parties = parties;
    }

    /**
     * A coroutine that waits until {@code parties} tasks are waiting, then returns this task's
     * arrival index, from 0 to {@code parties - 1}.
     *
     * @throws BrokenBarrierError (when awaited) if the barrier is or becomes broken, or is reset
     *     while this task waits
     */
    public Coroutine<Integer> wait_() {
        return new Coroutine<>("Barrier.wait", () -> {
            Task.currentOrFail("wait at a Barrier");
            return cond.call(() -> {
                block(); // while the barrier drains or resets
                try {
                    int index = count;
                    count++;
                    if (index + 1 == parties) {
                        release();
                    } else {
                        waitReleased();
                    }
                    return index;
                } finally {
                    count--;
                    exit(); // wakes tasks waiting for the barrier to drain
                }
            });
        });
    }

    /** Waits while the barrier drains or resets; fails if it is broken. */
    private void block() {
        cond.waitFor(() -> state != State.DRAINING && state != State.RESETTING).await();
        if (state == State.BROKEN) {
            throw new BrokenBarrierError("Barrier aborted");
        }
    }

    /** The last party arrived: release everyone; newcomers wait until the barrier has drained. */
    private void release() {
        state = State.DRAINING;
        cond.notifyAll_();
    }

    /** Waits until the barrier is no longer filling; fails if it was broken or reset meanwhile. */
    private void waitReleased() {
        cond.waitFor(() -> state != State.FILLING).await();
        if (state == State.BROKEN || state == State.RESETTING) {
            throw new BrokenBarrierError("Abort or reset of barrier");
        }
    }

    /** The last task to leave ends draining or resetting, and wakes those waiting for that. */
    private void exit() {
        if (count == 0) {
            if (state == State.RESETTING || state == State.DRAINING) {
                state = State.FILLING;
            }
            cond.notifyAll_();
        }
    }

    /**
     * A coroutine that brings the barrier back to its initial state; tasks waiting at it get
     * {@link BrokenBarrierError}.
     */
    public Coroutine<Void> reset() {
        return new Coroutine<>("Barrier.reset", () -> {
            Task.currentOrFail("reset a Barrier");
            cond.hold(() -> {
                if (count > 0) {
                    if (state != State.RESETTING) {
                        state = State.RESETTING;
                    }
                } else {
                    state = State.FILLING;
                }
                cond.notifyAll_();
            });
            return null;
        });
    }

    /**
     * A coroutine that breaks the barrier: tasks waiting at it, and every later {@link #wait_()},
     * get {@link BrokenBarrierError}.
     */
    public Coroutine<Void> abort() {
        return new Coroutine<>("Barrier.abort", () -> {
            Task.currentOrFail("abort a Barrier");
            cond.hold(() -> {
                state = State.BROKEN;
                cond.notifyAll_();
            });
            return null;
        });
    }

    /** How many tasks it takes to pass the barrier. */
    public int parties() {
        return parties;
    }

    /** How many tasks are waiting at it while it fills (asyncio's {@code n_waiting}); 0 otherwise. */
    public int nWaiting() {
        return state == State.FILLING ? count : 0;
    }

    /** Whether it is broken (by {@link #abort()}). */
    public boolean broken() {
        return state == State.BROKEN;
    }

    /** Like asyncio's repr: {@code <jaio.Barrier object at 0x... [filling, waiters:2/3]>}. */
    @Override
    public String toString() {
        String extra = state.value;
        if (!broken()) {
            extra += ", waiters:" + nWaiting() + "/" + parties;
        }
        return Reprs.object(this, extra);
    }
}
