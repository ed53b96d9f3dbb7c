package jaio;

import jaio.internal.Rethrow;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Structured concurrency (asyncio.TaskGroup, 3.13 semantics): the block does not end before every
 * task created in it has ended. When a child fails, the others and the block itself are cancelled,
 * and the block raises an {@link ExceptionGroup} of every failure.
 *
 * <p>Python's {@code async with asyncio.TaskGroup() as tg: body} is
 * {@code TaskGroup.run(tg -> body)} (or {@code taskGroup(tg -> ...)} from {@link Async}), because
 * the group must see the exception leaving the block.
 */
public final class TaskGroup {
    /** The body of a {@code async with TaskGroup() as tg} block. */
    @FunctionalInterface
    public interface Body {
        /**
         * The body of a task group: creates its tasks with {@code tg.createTask} (the block of {@code
         * async with TaskGroup() as tg:}).
         */
        void accept(TaskGroup tg) throws Exception;
    }

    private boolean entered;
    private boolean exiting;
    private boolean aborting;
    private Loop loop;
    private Task<?> parentTask;
    private boolean parentCancelRequested;
    private final Set<Task<?>> tasks = new LinkedHashSet<>();
    private List<Throwable> errors = new ArrayList<>();
    private Throwable baseError;
    private Future<Boolean> onCompletedFut;
    private final Consumer<Future<?>> onTaskDone = f -> onTaskDone((Task<?>) f);

    /**
     * A new task group (asyncio's {@code TaskGroup()}); use it with {@code try (var tg = new
     * TaskGroup())} or {@code TaskGroup.run}.
     */
    public TaskGroup() {}

    /** Runs {@code body} with a new group and waits for all its tasks. */
    public static void run(Body body) {
        new TaskGroup().runBlock(body);
    }

    /** Runs the block with this group (it can be entered once). */
    public void runBlock(Body body) {
        enter();
        try {
            body.accept(this);
        } catch (Throwable t) {
            exit(t);
            throw Rethrow.unchecked(t);
        }
        exit(null);
    }

    /**
     * Starts {@code coro} as a task of the group; the group waits for it on exit (asyncio's {@code
     * tg.create_task}).
     */
    public <T> Task<T> createTask(Coroutine<T> coro) {
        return createTask(coro, null);
    }

    /**
     * As {@link #createTask(Coroutine)}, naming the task {@code name} (asyncio's {@code
     * tg.create_task(coro, name=name)}).
     */
    public <T> Task<T> createTask(Coroutine<T> coro, String name) {
        return createTask(coro, name, null);
    }

    /** {@code tg.create_task(coro, name=name, context=ctx)}: the task runs in {@code context} itself. */
    public <T> Task<T> createTask(Coroutine<T> coro, String name, Context context) {
        if (!entered) {
            throw new AsyncRuntimeError("TaskGroup " + this + " has not been entered");
        }
        if (exiting && tasks.isEmpty()) {
            throw new AsyncRuntimeError("TaskGroup " + this + " is finished");
        }
        if (aborting) {
            throw new AsyncRuntimeError("TaskGroup " + this + " is shutting down");
        }
        Task<T> task = loop.createTask(coro, name, context);
        if (task.done()) {
            onTaskDone(task);
        } else {
            tasks.add(task);
            task.addDoneCallback(onTaskDone);
        }
        return task;
    }

    private void enter() {
        if (entered) {
            throw new AsyncRuntimeError("TaskGroup " + this + " has already been entered");
        }
        loop = Loop.getRunningLoop();
        parentTask = Task.current();
        if (parentTask == null) {
            throw new AsyncRuntimeError("TaskGroup " + this + " cannot determine the parent task");
        }
        entered = true;
    }

    private void exit(Throwable exc) {
        exiting = true;
        if (exc != null && isBaseError(exc) && baseError == null) {
            baseError = exc;
        }
        Throwable propagateCancellation = exc instanceof CancelledError ? exc : null;
        if (exc != null && !aborting) {
            abort();
        }
        while (!tasks.isEmpty()) {
            if (onCompletedFut == null) {
                onCompletedFut = loop.createFuture();
            }
            parentTask.noteWait("the tasks of a TaskGroup", this);
            try {
                onCompletedFut.await();
            } catch (CancelledError ex) {
                if (!aborting) {
                    propagateCancellation = ex;
                    abort();
                }
            }
            onCompletedFut = null;
        }
        if (baseError != null) {
            throw Rethrow.unchecked(baseError);
        }
        // 3.13: the cancel request this group made of its parent is withdrawn however the body
        // ended (3.12 withdrew it only when the body was cancelled, leaking it otherwise).
        if (parentCancelRequested && parentTask.uncancel() == 0) {
            propagateCancellation = null;
        }
        if (propagateCancellation != null && errors.isEmpty()) {
            throw Rethrow.unchecked(propagateCancellation);
        }
        if (exc != null && !(exc instanceof CancelledError)) {
            errors.add(exc);
        }
        if (!errors.isEmpty()) {
            // Cancelled from outside as well: keep the cancel count stable and the cancel pending.
            if (parentTask.cancelling() > 0) {
                parentTask.uncancel();
                parentTask.cancel();
            }
            List<Throwable> errs = errors;
            errors = null;
            throw new ExceptionGroup("unhandled errors in a TaskGroup", errs);
        }
    }

    private static boolean isBaseError(Throwable t) {
        return t instanceof KeyboardInterrupt || t instanceof VirtualMachineError;
    }

    /** Whether {@code t} was created by this group and is not done yet. */
    boolean holds(Future<?> t) {
        return t instanceof Task<?> task && tasks.contains(task);
    }

    private void abort() {
        aborting = true;
        for (Task<?> t : tasks) {
            if (!t.done()) {
                t.cancel();
            }
        }
    }

    private void onTaskDone(Task<?> task) {
        tasks.remove(task);
        if (onCompletedFut != null && tasks.isEmpty() && !onCompletedFut.done()) {
            onCompletedFut.setResult(true);
        }
        if (task.cancelled()) {
            return;
        }
        Throwable exc = task.exception();
        if (exc == null) {
            return;
        }
        errors.add(exc);
        if (isBaseError(exc) && baseError == null) {
            baseError = exc;
        }
        if (parentTask.done()) {
            loop.callExceptionHandler(ExceptionContext.of("Task " + task + " has errored out but its parent task "
                    + parentTask + " is already completed", exc).with("task", task));
            return;
        }
        if (!aborting && !parentCancelRequested) {
            abort();
            parentCancelRequested = true;
            parentTask.cancel();
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<TaskGroup");
        if (!tasks.isEmpty()) {
            sb.append(" tasks=").append(tasks.size());
        }
        if (!errors.isEmpty()) {
            sb.append(" errors=").append(errors.size());
        }
        if (aborting) {
            sb.append(" cancelling");
        } else if (entered) {
            sb.append(" entered");
        }
        return sb.append('>').toString();
    }
}
