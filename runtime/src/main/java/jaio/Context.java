package jaio;

import jaio.internal.Rethrow;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A mapping of {@link ContextVar}s to values (Python's contextvars.Context).
 *
 * <p>As in CPython, a context is a mutable holder of an immutable map: {@link ContextVar#set}
 * replaces the map of the <em>current</em> context object, and {@link #copy()} makes a new holder
 * of the same map, which costs one small object. So a copy taken by {@code createTask} or
 * {@code callSoon} never changes under the code that took it, while {@link #run} lets a given
 * context keep what is set inside it.
 *
 * <p>Which context is current: inside a task, the task's own (the one it was created with); inside a
 * loop callback, the handle's; on any other thread, that thread's own, which starts empty. A task
 * created without a context runs in a copy of its creator's current context, as asyncio does.
 *
 * <p>Invariant: {@link #values} is never mutated, only replaced; it is written by the code running
 * in this context (one thread at a time), and read through a volatile field so that a context handed
 * to another thread ({@code toThread}) is seen whole.
 */
public final class Context {
    private static final ThreadLocal<Context> OUTSIDE_LOOPS = ThreadLocal.withInitial(Context::new);

    volatile Map<ContextVar<?>, Object> values;

    /** An empty context (contextvars.Context()). */
    public Context() {
        this(Map.of());
    }

    private Context(Map<ContextVar<?>, Object> values) {
        this.values = values;
    }

    /** The context of the running task or callback, or this thread's own outside loops. */
    public static Context current() {
        Loop loop = Loop.runningOrNull();
        return loop != null ? loop.currentContext() : OUTSIDE_LOOPS.get();
    }

    /** A copy of the current context (contextvars.copy_context()). */
    public static Context copyContext() {
        return current().copy();
    }

    /** A new context with the same values (Context.copy()). */
    public Context copy() {
        return new Context(values);
    }

    private static void setCurrent(Context context) {
        Loop loop = Loop.runningOrNull();
        if (loop != null) {
            loop.setCurrentContext(context);
        } else {
            OUTSIDE_LOOPS.set(context);
        }
    }

    /** The value of {@code var} in this context, or null if it has none here ({@code ctx.get(var)}). */
    public <T> T get(ContextVar<T> var) {
        return get(var, null);
    }

    /** The value of {@code var} in this context, else {@code defaultValue} ({@code ctx.get(var, default)}). */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextVar<T> var, T defaultValue) {
        Map<ContextVar<?>, Object> v = values;
        return v.containsKey(var) ? (T) v.get(var) : defaultValue;
    }

    /** Whether {@code var} has a value in this context ({@code var in ctx}). */
    public boolean containsKey(ContextVar<?> var) {
        return values.containsKey(var);
    }

    void put(ContextVar<?> var, Object value) {
        Map<ContextVar<?>, Object> copy = new HashMap<>(values);
        copy.put(var, value);
        values = copy;
    }

    void remove(ContextVar<?> var) {
        Map<ContextVar<?>, Object> copy = new HashMap<>(values);
        copy.remove(var);
        values = copy;
    }

    /**
     * Runs {@code body} with this context current and returns its result ({@code Context.run}):
     * variables it sets stay set in this context afterwards.
     */
    public <T> T run(Callable<T> body) {
        Context saved = current();
        setCurrent(this);
        try {
            return body.call();
        } catch (Exception e) {
            throw Rethrow.unchecked(e);
        } finally {
            setCurrent(saved);
        }
    }

    /** As {@link #run(Callable)}, for a body with no result. */
    public void run(Runnable body) {
        run(() -> {
            body.run();
            return null;
        });
    }

    @Override
    public String toString() {
        return "<Context " + values.size() + (values.size() == 1 ? " variable>" : " variables>");
    }
}
