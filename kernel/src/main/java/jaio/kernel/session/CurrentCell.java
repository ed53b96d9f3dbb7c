package jaio.kernel.session;

import jaio.ContextVar;
import jaio.Loop;
import jaio.Task;

import java.util.concurrent.ForkJoinWorkerThread;

/**
 * Finds the cell that code running right now belongs to, for output routing and the display API.
 *
 * <ol>
 * <li>On the kernel's loop (a task or a callback): the jaio context variable the cell's task set;
 *     tasks and callbacks inherit it from whoever created them, as contextvars do in asyncio, so a
 *     task's output goes to the cell that started it, even after that cell ended.</li>
 * <li>On other threads: an inheritable thread-local. A thread takes, when it is created, the cell
 *     of the code creating it (the creating task's context variable first, so threads and
 *     executor workers started by a background task belong to that task's cell, not to the cell
 *     running now); the loop's default executor (runInExecutor, toThread) carries the submitter's
 *     cell into its pooled threads ({@link CellPropagatingExecutor}).</li>
 * <li>A ForkJoinPool worker (the common pool behind {@code parallelStream()}) that belongs to no
 *     cell works for the task blocked in the pool's join, which holds the loop meanwhile: the cell
 *     of the task holding the loop ({@link #trackLoop}).</li>
 * <li>Otherwise (threads of pools created before any cell, threads the kernel did not see start):
 *     the most recently started cell, as ipykernel does, with the output marked as of unknown
 *     origin ({@link Target#marked}): never dropped.</li>
 * </ol>
 */
final class CurrentCell {
    private static final ContextVar<Cell> ON_LOOP = new ContextVar<>("jaio.kernel.cell", null);
    private static final InheritableThreadLocal<Cell> ON_THREAD = new InheritableThreadLocal<>() {
        @Override
        protected Cell childValue(Cell parentValue) {
            // Runs on the creating thread: a task's own cell wins over its thread's inherited one.
            Cell creator = ON_LOOP.get();
            return creator != null ? creator : parentValue;
        }
    };
    private static volatile Cell mostRecent;
    /** The kernel loop's thread: code on it outside any task is a callback of the notebook's loop. */
    private static volatile Thread loopThread;
    /** The cell of the task holding the loop now, or null between task steps. */
    private static volatile Cell holdingLoop;

    /** Where output goes: a cell, and whether the output is marked as of unknown origin. */
    record Target(Cell cell, boolean marked) {}

    private CurrentCell() {}

    /**
     * On the loop's thread, before any task runs: task threads the loop creates inherit their
     * task's cell (the thread-local needs an entry on the creating thread), and the cell of the
     * task holding the loop is followed step by step.
     */
    static void trackLoop(Loop loop) {
        ON_THREAD.set(null);
        loopThread = Thread.currentThread();
        loop.addTaskStepListener(new Loop.TaskStepListener() {
            @Override
            public void stepStarting(Task<?> task) {
                holdingLoop = ofTask(task);
            }

            @Override
            public void stepEnded(Task<?> task) {
                holdingLoop = null;
            }
        });
    }

    /** Called first thing in a cell's task: the task, its children and its threads belong to {@code cell}. */
    static void enter(Cell cell) {
        ON_LOOP.set(cell);
        ON_THREAD.set(cell);
        mostRecent = cell;
    }

    /** The cell the running code belongs to, or null if it belongs to none (see the class comment). */
    static Cell ofRunningCode() {
        Cell c = ON_LOOP.get();
        if (c == null) {
            c = ON_THREAD.get();
        }
        if (c == null && Thread.currentThread() instanceof ForkJoinWorkerThread) {
            c = holdingLoop;
        }
        return c;
    }

    /** The cell the running code belongs to, else the most recent cell, else null (nothing ran yet). */
    static Cell ofRunningCodeOrRecent() {
        Cell c = ofRunningCode();
        return c != null ? c : mostRecent;
    }

    /** Where the running code's output goes, or null before the first cell. */
    static Target outputTarget() {
        Cell c = ofRunningCode();
        if (c != null) {
            return new Target(c, false);
        }
        Cell recent = mostRecent;
        if (recent == null) {
            return null;
        }
        // A callback run by the loop (callSoon, callSoonThreadsafe, a done callback) is the notebook's
        // own code, not a foreign thread's: it goes to the latest cell unmarked.
        return new Target(recent, Thread.currentThread() != loopThread);
    }

    /** The cell {@code task} belongs to, or null. */
    static Cell ofTask(Task<?> task) {
        return task.getContext().get(ON_LOOP);
    }

    /** Runs {@code body} on this thread as part of {@code cell} (for pooled threads). */
    static void runAs(Cell cell, Runnable body) {
        Cell saved = ON_THREAD.get();
        ON_THREAD.set(cell);
        try {
            body.run();
        } finally {
            ON_THREAD.set(saved);
        }
    }
}
