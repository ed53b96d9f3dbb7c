package jaio;

/**
 * A callback scheduled for a time (asyncio.TimerHandle), returned by {@code callLater} and
 * {@code callAt}. Timers are ordered by deadline, then by the order they were scheduled, so equal
 * deadlines fire first-in first-out.
 */
public final class TimerHandle extends Handle implements Comparable<TimerHandle> {
    final double when;
    final long sequence;
    boolean scheduled = true;

    TimerHandle(double when, long sequence, Runnable callback, Loop loop, Context context) {
        super(callback, loop, context);
        this.when = when;
        this.sequence = sequence;
    }

    /** The absolute loop time ({@link Loop#time()}) the callback is scheduled for. */
    public double when() {
        return when;
    }

    @Override
    public void cancel() {
        if (!cancelled) {
            cancelled = true;
            loop.timerCancelled(this);
        }
    }

    @Override
    public int compareTo(TimerHandle o) {
        int c = Double.compare(when, o.when);
        return c != 0 ? c : Long.compare(sequence, o.sequence);
    }

    @Override
    public String toString() {
        return "<TimerHandle " + (cancelled ? "cancelled " : "") + "when=" + when + " " + describe() + ">";
    }
}
