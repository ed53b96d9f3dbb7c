package jaio;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;

/**
 * What a suspended task waits for, and since when: the answer to "where does this task hang?".
 *
 * <p>{@code what} is the phrase noted by the code that suspended the task ("sleep", "get from a
 * Queue", "acquire a Lock", "socket readable"...), null when only the awaited future tells;
 * {@code on} is the object waited on (the queue, the lock, the sleep's timer, the channel...);
 * {@code future} is the future the task is suspended on (null for a bare loop iteration);
 * {@code since} is the loop time ({@link Loop#time()}) at which it suspended.
 */
public record Waiting(String what, Object on, Future<?> future, double since) {

    /** Seconds waited so far, measured on the loop's clock. */
    public double seconds(Loop loop) {
        return Math.max(0, loop.time() - since);
    }

    /**
     * What kind of thing is awaited, without the particulars ("sleep", "get from a Queue", "a
     * Task", "gather"): cheap, for counting many tasks by it.
     */
    public String kind() {
        return kindOf(what, future);
    }

    static String kindOf(String what, Future<?> future) {
        if (what != null) {
            return what;
        }
        if (future instanceof Task<?>) {
            return "a Task";
        }
        if (future != null && Tasks.isGather(future)) {
            return "gather";
        }
        if (future instanceof ForeignFuture<?> f) {
            return f.kind();
        }
        return future == null ? "running soon" : "a Future";
    }

    /** A short phrase for tables and timelines: "sleep (1.5 s left)", "get from a Queue", "Task 'x'". */
    public String describe() {
        if ("sleep".equals(what) && on instanceof TimerHandle h) {
            double left = h.when() - h.loop.time();
            return String.format("sleep (%.1f s left)", Math.max(0, left));
        }
        if (what != null && on instanceof SelectableChannel ch) {
            return what + " " + peer(ch);
        }
        if (what != null) {
            return what;
        }
        if (future instanceof Task<?> t) {
            return "Task '" + t.getName() + "'";
        }
        if (future != null && Tasks.isGather(future)) {
            return Tasks.describeGather(future);
        }
        if (future instanceof ForeignFuture<?> f) {
            return f.kind();
        }
        return future == null ? "running soon" : "a Future";
    }

    private static String peer(SelectableChannel ch) {
        if (ch instanceof SocketChannel sc) {
            try {
                Object remote = sc.getRemoteAddress();
                if (remote != null) {
                    return "(" + remote + ")";
                }
            } catch (java.io.IOException | RuntimeException e) {
                // Closed or unconnected: the kind of channel is all there is to say.
            }
        }
        return "(" + ch.getClass().getSimpleName().replace("Impl", "") + ")";
    }

    @Override
    public String toString() {
        return describe();
    }
}
