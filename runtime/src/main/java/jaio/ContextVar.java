package jaio;

/**
 * A variable whose value belongs to the current {@link Context} (Python's contextvars.ContextVar):
 * each task runs in its own context, so tasks created afterwards see the value their creator had,
 * and a change in a task stays in that task.
 */
public final class ContextVar<T> {
    /** The default of a variable made without one: {@link #get()} then raises LookupError. */
    private static final Object NO_DEFAULT = new Object();

    private final String name;
    private final Object defaultValue;

    /** A variable with no default ({@code ContextVar('name')}). */
    public ContextVar(String name) {
        this.name = name;
        this.defaultValue = NO_DEFAULT;
    }

    /** A variable with a default, which may be null ({@code ContextVar('name', default=None)}). */
    public ContextVar(String name, T defaultValue) {
        this.name = name;
        this.defaultValue = defaultValue;
    }

    /** The variable's name (asyncio's {@code ContextVar.name}). */
    public String name() {
        return name;
    }

    /** The value in the current context, else the default; LookupError if there is neither. */
    @SuppressWarnings("unchecked")
    public T get() {
        var values = Context.current().values;
        if (values.containsKey(this)) {
            return (T) values.get(this);
        }
        if (defaultValue == NO_DEFAULT) {
            throw new LookupError(toString());
        }
        return (T) defaultValue;
    }

    /** The value in the current context, else {@code defaultValue} ({@code var.get(default)}). */
    @SuppressWarnings("unchecked")
    public T get(T defaultValue) {
        var values = Context.current().values;
        return values.containsKey(this) ? (T) values.get(this) : defaultValue;
    }

    /** Sets the value in the current context; the token lets {@link #reset} undo it. */
    public Token<T> set(T value) {
        Context c = Context.current();
        var values = c.values;
        Token<T> token = new Token<>(this, c, values.containsKey(this) ? values.get(this) : Token.MISSING);
        c.put(this, value);
        return token;
    }

    /**
     * Restores the value the variable had before the {@link #set} that made {@code token} (unsets it
     * if it had none). A token works once, for this variable, in the context where it was made.
     */
    public void reset(Token<T> token) {
        if (token.used) {
            throw new AsyncRuntimeError(token + " has already been used once");
        }
        if (token.var != this) {
            throw new ValueError(token + " was created by a different ContextVar");
        }
        Context c = Context.current();
        if (token.context != c) {
            throw new ValueError(token + " was created in a different Context");
        }
        token.used = true;
        if (token.oldValue == Token.MISSING) {
            c.remove(this);
        } else {
            c.put(this, token.oldValue);
        }
    }

    @Override
    public String toString() {
        return "<ContextVar name='" + name + "'" + (defaultValue == NO_DEFAULT ? "" : " default=" + defaultValue) + ">";
    }
}
