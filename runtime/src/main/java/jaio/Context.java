package jaio;

import java.util.HashMap;
import java.util.Map;

/**
 * A snapshot of {@link ContextVar} values (Python's contextvars.Context).
 *
 * <p>Immutable: setting a variable replaces the running task's context with a changed copy, so
 * a context captured by {@code createTask} or {@code callSoon} never changes under the code that
 * captured it. A task starts with the context of the code that created it, as in asyncio.
 */
public final class Context {
    static final Context EMPTY = new Context(Map.of());
    private static final ThreadLocal<Context> OUTSIDE_LOOPS = ThreadLocal.withInitial(() -> EMPTY);

    final Map<ContextVar<?>, Object> values;

    private Context(Map<ContextVar<?>, Object> values) {
        this.values = values;
    }

    /** The context of the running task or callback, or this thread's own outside loops. */
    public static Context current() {
        Loop loop = Loop.runningOrNull();
        if (loop != null) {
            return loop.currentContext();
        }
        return OUTSIDE_LOOPS.get();
    }

    static void setCurrent(Context context) {
        Loop loop = Loop.runningOrNull();
        if (loop != null) {
            loop.setCurrentContext(context);
        } else {
            OUTSIDE_LOOPS.set(context);
        }
    }

    Context with(ContextVar<?> var, Object value) {
        Map<ContextVar<?>, Object> copy = new HashMap<>(values);
        copy.put(var, value);
        return new Context(copy);
    }

    /** The value {@code var} has in this context, else its default (contextvars' {@code Context.get}). */
    @SuppressWarnings("unchecked")
    public <T> T get(ContextVar<T> var) {
        return values.containsKey(var) ? (T) values.get(var) : var.defaultValue();
    }

    /** Runs {@code body} with this context current (contextvars' {@code Context.run}). */
    public void run(Runnable body) {
        Context saved = current();
        setCurrent(this);
        try {
            body.run();
        } finally {
            setCurrent(saved);
        }
    }
}
