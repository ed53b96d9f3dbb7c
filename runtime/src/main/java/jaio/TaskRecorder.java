package jaio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A switchable recorder of task events on one loop: created, started a step, suspended on what,
 * done / cancelled / failed. Off unless started; what it costs when on is measured in
 * {@code runtime/bench} (RecorderBench: W1 with and without it, side by side).
 *
 * <p>Invariants: it is fed only on the loop's thread, around task steps (the loop's task-step
 * listener), so the columns below need no synchronization; read the events from the loop's
 * thread or one of its tasks, or after {@link #stop()}. Events are kept in parallel arrays
 * grown by doubling (no object per event); past {@link #capacity} events it counts what it
 * drops instead of growing further. Time stamps reuse what the task already measured where it
 * can (its creation time, the time it suspended), so a recorded step costs one clock read for
 * its start and one when a task ends.
 */
public final class TaskRecorder {
    /** What happened to a task. */
    public enum Kind { CREATED, STEP, SUSPENDED, DONE, CANCELLED, FAILED }

    /**
     * One event: {@code time} on the loop's clock ({@link Loop#time()}); for SUSPENDED,
     * {@code what} and {@code on} tell what the task waits for (as {@link Waiting} does).
     */
    public record Event(Kind kind, Task<?> task, double time, String what, Object on) {
        /** A phrase for SUSPENDED events: "sleep 2.0 s", "get from a Queue", "Task 'b'". */
        public String describe() {
            if (on instanceof TimerHandle h && "sleep".equals(what)) {
                return String.format("sleep %.1f s", Math.max(0, h.when() - time));
            }
            Future<?> f = on instanceof Future<?> fut ? fut : null;
            return new Waiting(what, what == null ? null : on, f, time).describe();
        }
    }

    private static final Kind[] KINDS = Kind.values();

    private final Loop loop;
    private final int capacity;
    private long[] nanos = new long[1024];
    private byte[] kinds = new byte[1024];
    private Task<?>[] tasks = new Task<?>[1024];
    private String[] whats = new String[1024];
    private Object[] ons = new Object[1024];
    private int size;
    private long dropped;
    private boolean recording;
    private final double startTime;
    private double stopTime = Double.NaN;

    private TaskRecorder(Loop loop, int capacity) {
        this.loop = loop;
        this.capacity = capacity;
        this.startTime = loop.time();
    }

    /** Starts recording the task events of {@code loop} (call on its thread or one of its tasks). */
    public static TaskRecorder start(Loop loop) {
        return start(loop, 4_000_000);
    }

    /** As {@link #start(Loop)}, keeping at most {@code capacity} events. */
    public static TaskRecorder start(Loop loop, int capacity) {
        TaskRecorder r = new TaskRecorder(loop, capacity);
        r.recording = true;
        loop.addTaskStepListener(r.listener);
        return r;
    }

    private final Loop.TaskStepListener listener = new Loop.TaskStepListener() {
        @Override
        public void stepStarting(Task<?> task) {
            if (task.thread == null) {
                add(Kind.CREATED, task, task.createdNanos, null, null);
            }
            add(Kind.STEP, task, System.nanoTime(), null, null);
        }

        @Override
        public void stepEnded(Task<?> task) {
            if (!task.done()) {
                Object on = task.waitOn();
                add(Kind.SUSPENDED, task, task.waitSinceNanos(), task.waitWhat(), on != null ? on : task.futWaiter());
            } else {
                Kind k = task.cancelled() ? Kind.CANCELLED : task.exceptionQuietly() != null ? Kind.FAILED : Kind.DONE;
                add(k, task, System.nanoTime(), null, null);
            }
        }
    };

    private void add(Kind kind, Task<?> task, long at, String what, Object on) {
        if (!recording) {
            return;
        }
        int i = size;
        if (i == nanos.length) {
            if (i >= capacity) {
                dropped++;
                return;
            }
            int n = Math.min(capacity, i * 2);
            nanos = Arrays.copyOf(nanos, n);
            kinds = Arrays.copyOf(kinds, n);
            tasks = Arrays.copyOf(tasks, n);
            whats = Arrays.copyOf(whats, n);
            ons = Arrays.copyOf(ons, n);
        }
        nanos[i] = at;
        kinds[i] = (byte) kind.ordinal();
        tasks[i] = task;
        whats[i] = what;
        ons[i] = on;
        size = i + 1;
    }

    /** Stops recording (its step listener leaves the loop). Idempotent; call on the loop's thread or one of its tasks. */
    public TaskRecorder stop() {
        if (recording) {
            recording = false;
            stopTime = loop.time();
            loop.removeTaskStepListener(listener);
        }
        return this;
    }

    /** Whether it records task events now. */
    public boolean isRecording() {
        return recording;
    }

    /** Loop time when recording started. */
    public double startTime() {
        return startTime;
    }

    /** Loop time when it stopped (NaN while recording). */
    public double stopTime() {
        return stopTime;
    }

    /** Events not kept because the capacity was reached. */
    public long dropped() {
        return dropped;
    }

    /** How many events it holds. */
    public int size() {
        return size;
    }

    /** The recorded events in the order they happened on the loop. */
    public List<Event> events() {
        List<Event> out = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            out.add(new Event(KINDS[kinds[i]], tasks[i], (nanos[i] - Loop.START_NANOS) / 1e9, whats[i], ons[i]));
        }
        return out;
    }
}
