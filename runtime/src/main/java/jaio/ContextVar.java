package jaio;

/**
 * A variable whose value belongs to the running task (Python's contextvars.ContextVar): tasks
 * created afterwards see the value their creator had.
 */
public final class ContextVar<T> {
    private final String name;
    private final T defaultValue;

    public ContextVar(String name) {
        this(name, null);
    }

    public ContextVar(String name, T defaultValue) {
        this.name = name;
        this.defaultValue = defaultValue;
    }

    public String name() {
        return name;
    }

    public T get() {
        return Context.current().get(this);
    }

    T defaultValue() {
        return defaultValue;
    }

    public void set(T value) {
        Context.setCurrent(Context.current().with(this, value));
    }

    @Override
    public String toString() {
        return "<ContextVar name='" + name + "'>";
    }
}
