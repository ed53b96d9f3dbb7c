package jaio.kernel.session;

import jaio.Async;
import jaio.Awaitable;
import jaio.Coroutine;
import jaio.Loop;
import jaio.TaskRecorder;

import java.util.List;
import java.util.function.Supplier;

/**
 * The task views of notebook cells (imported statically by the cell prelude): {@code tasks()},
 * {@code tasks().live()}, {@code taskGraph(name)}, {@code cancel(name...)}, {@code cancelAll()},
 * {@code timeline(awaitable)}. The magics {@code %tasks}, {@code %task}, {@code %cancel} and
 * {@code %%timeline} are the same commands. All of them run on the kernel's loop: call them from
 * a cell or a task, not from another thread.
 */
public final class TaskViews {
    private TaskViews() {}

    /** The pending tasks of the kernel's loop, as a table (HTML in notebooks, text in consoles). */
    public static TaskTable tasks() {
        return TaskTable.snapshot(loop("tasks()"), TaskTable.DEFAULT_ROWS, null);
    }

    /** The await graph of the pending task named (or with the id) {@code nameOrId}, as text. */
    public static String taskGraph(String nameOrId) {
        return TaskCommands.graph(loop("taskGraph()"), nameOrId);
    }

    /** Cancels the pending tasks with these names or ids; returns what was cancelled. */
    public static String cancel(String... namesOrIds) {
        return TaskCommands.cancel(loop("cancel()"), List.of(namesOrIds));
    }

    /** Cancels every pending task but the cells' own (interrupt stops a cell); returns what was cancelled. */
    public static String cancelAll() {
        return TaskCommands.cancelAll(loop("cancelAll()"));
    }

    /**
     * Awaits {@code aw} while recording the tasks that run, then shows their timeline (SVG, one lane
     * per task) and returns the value. A coroutine gets a task of its own, so it has a lane too.
     */
    public static <T> T timeline(Awaitable<T> aw) {
        Loop loop = loop("timeline()");
        return recorded("timeline", loop, () -> {
            Awaitable<T> target = aw instanceof Coroutine<T> c ? loop.createTask(c, c.getName()) : aw;
            return Async.await(target);
        });
    }

    /** {@code %%timeline}: runs a cell's body while recording, then draws the timeline titled {@code title}. */
    public static void timelineOfCell(String title, Runnable body) {
        recorded(title, loop("%%timeline"), () -> {
            body.run();
            return null;
        });
    }

    /** Runs {@code body} on the loop while recording task events, then displays the timeline titled {@code title}. */
    static <T> T recorded(String title, Loop loop, Supplier<T> body) {
        TaskRecorder recorder = TaskRecorder.start(loop);
        try {
            return body.get();
        } finally {
            recorder.stop();
            Display.display(new TimelineSvg(title, recorder));
        }
    }

    private static Loop loop(String what) {
        Loop loop;
        try {
            loop = Loop.getRunningLoop();
        } catch (RuntimeException e) {
            throw new IllegalStateException(what + " reads the kernel loop's tasks: call it from a cell or a task, not from another thread");
        }
        return loop;
    }
}
