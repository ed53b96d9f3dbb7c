package jaio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A switchable recorder of task events on one loop: created, started a step, suspended on what,
 * done / cancelled / failed. Off unless started; what it costs when on is measured in
 * {@code runtime/bench} (RecorderBench: W1 with and without it, side by side).
 *
 * <p>Invariants: it is fed only while the loop is held, around task steps (the loop's task-step
 * listener), so the columns below need no synchronization; read the events from the loop's
 * thread or one of its tasks, or after {@link #stop()}. Recording an event allocates nothing and
 * builds no text: events go into columns (time, kind, task, and for suspensions what and on
 * what) kept in fixed-size chunks, so growing never copies what was recorded; past
 * {@link #capacity} events it counts what it drops instead. {@link Event} objects and their
 * phrases are made only when {@link #events()} is read.
 *
 * <p>Time stamps cost at most one clock read per task step, because a clock read costs about as
 * much as the rest of an event: creation and suspension reuse what the task measured anyway (its
 * creation time, the time it suspended); a step starts when the step before it in the same loop
 * iteration ended, or when the iteration started (the loop reads the clock once per iteration),
 * so callbacks run between two steps count to the later step; only an ending step and an eager
 * first step (run inside its creator's step) read the clock.
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
    private static final byte CREATED = (byte) Kind.CREATED.ordinal();
    private static final byte STEP = (byte) Kind.STEP.ordinal();
    private static final byte SUSPENDED = (byte) Kind.SUSPENDED.ordinal();
    private static final byte DONE = (byte) Kind.DONE.ordinal();
    private static final byte CANCELLED = (byte) Kind.CANCELLED.ordinal();
    private static final byte FAILED = (byte) Kind.FAILED.ordinal();
    /** Events per chunk: a power of two, so an index splits into chunk and slot with a shift and a mask. */
    private static final int CHUNK_BITS = 14;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final Loop loop;
    private final int capacity;
    // Column chunks: event i is at [i >>> CHUNK_BITS][i & (CHUNK - 1)]. whats/ons stay null except
    // for suspensions (fresh chunks are zeroed, so nothing is stored for the other kinds).
    private long[][] nanos = new long[4][];
    private byte[][] kinds = new byte[4][];
    private Task<?>[][] tasks = new Task<?>[4][];
    private String[][] whats = new String[4][];
    private Object[][] ons = new Object[4][];
    /** Slots of the current chunk, cached so the common event needs no chunk lookup. */
    private long[] nanosChunk;
    private byte[] kindsChunk;
    private Task<?>[] tasksChunk;
    private int size;
    private long dropped;
    /** The latest end of a step recorded in this iteration (or before): where the next step starts. */
    private long lastNanos;
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

    /** As {@link #start(Loop)}, keeping at most {@code capacity} events (rounded up to a whole chunk of 16 384). */
    public static TaskRecorder start(Loop loop, int capacity) {
        TaskRecorder r = new TaskRecorder(loop, capacity);
        r.recording = true;
        loop.addTaskStepListener(r.listener);
        return r;
    }

    private final Loop.TaskStepListener listener = new Loop.TaskStepListener() {
        @Override
        public void stepStarting(Task<?> task) {
            if (!recording) {
                return;
            }
            if (task.thread == null) {
                add(CREATED, task, task.createdNanos);
            }
            long at;
            if (task.eagerCreator != null) {
                at = System.nanoTime();   // inside the creator's step: no step ended just before
            } else {
                at = Math.max(loop.iterationNanos, lastNanos);
            }
            add(STEP, task, at);
        }

        @Override
        public void stepEnded(Task<?> task) {
            if (!recording) {
                return;   // stopped during this step: the listener left the loop, this call was already under way
            }
            if (!task.done()) {
                long at = task.waitSinceNanos();
                lastNanos = at;
                int i = add(SUSPENDED, task, at);
                if (i >= 0) {
                    Object on = task.waitOn();
                    note(i, task.waitWhat(), on != null ? on : task.futWaiter());
                }
            } else {
                long at = System.nanoTime();
                lastNanos = at;
                add(task.cancelled() ? CANCELLED : task.exceptionQuietly() != null ? FAILED : DONE, task, at);
            }
        }
    };

    /** Records one event; returns its index, or -1 when it was not kept. */
    private int add(byte kind, Task<?> task, long at) {
        int i = size;
        int slot = i & (CHUNK - 1);
        if (slot == 0 && !newChunk(i)) {
            return -1;
        }
        nanosChunk[slot] = at;
        kindsChunk[slot] = kind;
        tasksChunk[slot] = task;
        size = i + 1;
        return i;
    }

    /** Makes room for event {@code i}, the first of a chunk; false if it must be dropped. */
    private boolean newChunk(int i) {
        if (i >= capacity) {
            dropped++;
            return false;
        }
        int c = i >>> CHUNK_BITS;
        if (c == nanos.length) {
            int n = c * 2;
            nanos = Arrays.copyOf(nanos, n);
            kinds = Arrays.copyOf(kinds, n);
            tasks = Arrays.copyOf(tasks, n);
            whats = Arrays.copyOf(whats, n);
            ons = Arrays.copyOf(ons, n);
        }
        nanos[c] = nanosChunk = new long[CHUNK];
        kinds[c] = kindsChunk = new byte[CHUNK];
        tasks[c] = tasksChunk = new Task<?>[CHUNK];
        return true;
    }

    /** What suspended event {@code i} waits for; the what/on columns get a chunk at the first suspension in it. */
    private void note(int i, String what, Object on) {
        int c = i >>> CHUNK_BITS;
        if (whats[c] == null) {
            whats[c] = new String[CHUNK];
            ons[c] = new Object[CHUNK];
        }
        whats[c][i & (CHUNK - 1)] = what;
        ons[c][i & (CHUNK - 1)] = on;
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
            int c = i >>> CHUNK_BITS;
            int slot = i & (CHUNK - 1);
            String what = whats[c] == null ? null : whats[c][slot];
            Object on = ons[c] == null ? null : ons[c][slot];
            out.add(new Event(KINDS[kinds[c][slot]], tasks[c][slot], (nanos[c][slot] - Loop.START_NANOS) / 1e9, what, on));
        }
        return out;
    }
}
