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

    @Override
    public void coroutineMadeAt(Object value, StackTraceElement frame, boolean byAsync) {
        if (value instanceof Coroutine<?> c) {
            c.setOrigin(frame, byAsync);
        }
    }

    @Override
    public void valueDropped(Object value, StackTraceElement frame) {
        Coroutine.dropped(value, frame);
    }
}
