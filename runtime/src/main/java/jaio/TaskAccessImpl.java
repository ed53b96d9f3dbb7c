package jaio;

import jaio.internal.TaskAccess;

/** Package {@code jaio}'s side of {@link TaskAccess}, registered by {@link Task}'s static initializer. */
final class TaskAccessImpl implements TaskAccess {
    @Override
    public Task<?> currentTaskOrFail(String what) {
        return Task.currentOrFail(what);
    }

    @Override
    public void waitFor(Task<?> task, Future<?> f) {
        task.waitFor(f);
    }

    @Override
    public void yieldOnce(Task<?> task) {
        task.yieldOnce();
    }

    @Override
    public <T> T runByHand(Coroutine<T> coro) {
        return coro.runByHand();
    }
}
