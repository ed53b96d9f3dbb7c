package jaio.kernel.session;

import jaio.ContextVar;

/**
 * Finds the cell that code running right now belongs to, for output routing and the display API.
 *
 * <ol>
 * <li>On the kernel's loop (a task or a callback): the jaio context variable the cell's task set;
 *     tasks and callbacks inherit it from whoever created them, as contextvars do in asyncio, so a
 *     task's output goes to the cell that started it, even after that cell ended.</li>
 * <li>On other threads: an inheritable thread-local set on the cell task's own thread, so platform
 *     and virtual threads the cell's code starts belong to the cell; the loop's default executor
 *     (runInExecutor, toThread) carries the submitter's cell into its pooled threads
 *     ({@link CellPropagatingExecutor}).</li>
 * <li>Otherwise (threads of other pools, e.g. the common ForkJoinPool or an executor created
 *     before the cell, threads started by a background task): the most recently started cell,
 *     as ipykernel does.</li>
 * </ol>
 */
final class CurrentCell {
    private static final ContextVar<Cell> ON_LOOP = new ContextVar<>("jaio.kernel.cell", null);
    private static final InheritableThreadLocal<Cell> ON_THREAD = new InheritableThreadLocal<>();
    private static volatile Cell mostRecent;

    private CurrentCell() {}

    /** Called first thing in a cell's task: the task, its children and its threads belong to {@code cell}. */
    static void enter(Cell cell) {
        ON_LOOP.set(cell);
        ON_THREAD.set(cell);
        mostRecent = cell;
    }

    /** The cell the running code belongs to, or null if it belongs to none (see the class comment). */
    static Cell ofRunningCode() {
        Cell c = ON_LOOP.get();
        return c != null ? c : ON_THREAD.get();
    }

    /** The cell the running code belongs to, else the most recent cell, else null (nothing ran yet). */
    static Cell ofRunningCodeOrRecent() {
        Cell c = ofRunningCode();
        return c != null ? c : mostRecent;
    }

    /** The cell {@code task} belongs to, or null. */
    static Cell ofTask(jaio.Task<?> task) {
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
