package jaio.kernel.session;

import jaio.Async;
import jaio.CancelledError;
import jaio.Loop;
import jaio.Task;


/**
 * A task table shown once and then refreshed in place (update_display_data) by a background task
 * of the kernel's loop, so the cell that asked returns at once and the user keeps working.
 *
 * <p>It watches the tasks of some cells: the cell that started it and the cells whose tasks were
 * pending then (tasks inherit their creator's cell, so the tasks those tasks start are watched
 * too); what later cells start is theirs, and shows in their own views. It stops by itself when
 * no watched task is pending any more, after showing the empty table, and when cancelled
 * ({@link #stop()}, {@code %cancel}); a view started before the tasks it should watch waits up to
 * {@value #GRACE_SECONDS} s for the first one. Views never list themselves.
 */
public final class LiveTaskView {
    private static final double GRACE_SECONDS = 3;
    /** The name of a view's refreshing task (timelines leave it out: it is the observer, not the observed). */
    static final String TASK_NAME = "tasks live view";
    /** The running views' tasks: a few at most, compared by identity (hashing every task listed would cost). */
    private static final java.util.List<Task<?>> VIEWS = new java.util.concurrent.CopyOnWriteArrayList<>();

    private final Display.Handle handle;
    /** The cells whose tasks this view shows, compared by identity (null: tasks of no cell). */
    private final java.util.Set<Cell> cells = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private Task<Void> task;
    private volatile int updates;

    private LiveTaskView(Display.Handle handle) {
        this.handle = handle;
    }

    static boolean isView(Task<?> t) {
        for (Task<?> v : VIEWS) {
            if (v == t) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code t} waits for a live view to end (a cell awaiting {@code view.task()}): not what the view watches. */
    static boolean awaitsView(Task<?> t) {
        if (VIEWS.isEmpty()) {
            return false;
        }
        jaio.Waiting w = t.waitingFor();
        return w != null && w.future() instanceof Task<?> awaited && isView(awaited);
    }

    /** Shows {@code first} and starts refreshing it every {@code interval} seconds. Call on the loop. */
    static LiveTaskView start(TaskTable first, double interval) {
        if (!(interval > 0)) {
            throw new IllegalArgumentException("the refresh interval must be positive seconds, got " + interval);
        }
        Loop loop = Loop.getRunningLoop();
        LiveTaskView view = new LiveTaskView(Display.display(first.withNote("live: refreshed every " + interval + " s")));
        Task<?> asking = Task.current();
        view.cells.add(asking == null ? null : CurrentCell.ofTask(asking));
        loop.forEachTask(t -> view.cells.add(CurrentCell.ofTask(t)));
        view.task = loop.createTask(Async.async(() -> {
            view.refresh(loop, interval, first.pending() > 0);
            return null;
        }), TASK_NAME);
        VIEWS.add(view.task);
        view.task.addDoneCallback(done -> VIEWS.remove(view.task));
        return view;
    }

    private void refresh(Loop loop, double interval, boolean sawTasks) {
        double started = loop.time();
        try {
            while (true) {
                Async.await(Async.sleep(interval));
                TaskTable now = TaskTable.snapshot(loop, TaskTable.DEFAULT_ROWS, null, this::watches);
                sawTasks |= now.pending() > 0;
                boolean over = now.pending() == 0 && (sawTasks || loop.time() - started > GRACE_SECONDS);
                handle.update(now.withNote(over ? "live view ended: the tasks it watched are done" : "live: refreshed every " + interval + " s"));
                updates++;
                if (over) {
                    return;
                }
            }
        } catch (CancelledError e) {
            handle.update(TaskTable.snapshot(loop, TaskTable.DEFAULT_ROWS, "live view stopped (cancelled)", this::watches));
            throw e;
        }
    }

    private boolean watches(Task<?> t) {
        return cells.contains(CurrentCell.ofTask(t));
    }

    /** The background task refreshing the view. */
    public Task<Void> task() {
        return task;
    }

    /** How many times the view was refreshed so far. */
    public int updates() {
        return updates;
    }

    /** The display id of the view's output. */
    public String displayId() {
        return handle.displayId();
    }

    /** Stops refreshing (the last table stays, marked stopped). */
    public void stop() {
        Loop loop = task.getLoop();
        loop.callSoonThreadsafe(() -> task.cancel());
    }

    @Override
    public String toString() {
        return "<live task view " + handle.displayId() + (task.done() ? " ended" : " running") + ">";
    }
}
