package jaio;

/**
 * What {@link Loop#createTask} calls instead of the Task constructor once set with
 * {@link Loop#setTaskFactory} (asyncio's task factory, {@code factory(loop, coro, context=...)}).
 * The name and context are passed as given to createTask, either may be null. The factory must
 * return a task of {@code loop} for {@code coro}; {@link Async#eagerTaskFactory} is the one asyncio
 * ships.
 */
@FunctionalInterface
public interface TaskFactory {
    /**
     * Makes the task for {@code coro} on {@code loop} (the {@code factory(loop, coro, ...)} of
     * asyncio's {@code loop.set_task_factory}).
     */
    Task<?> createTask(Loop loop, Coroutine<?> coro, String name, Context context);
}
