package jaio;

/**
 * What {@link ContextVar#set} returns, so {@link ContextVar#reset} can restore the value the
 * variable had before (Python's contextvars.Token). Usable once, in the context that made it.
 */
public final class Token<T> {
    /** The old value of a token whose variable had no value before the set (Token.MISSING). */
    public static final Object MISSING = new Object() {
        @Override
        public String toString() {
            return "<Token.MISSING>";
        }
    };

    final ContextVar<T> var;
    final Context context;
    final Object oldValue;
    boolean used;

    Token(ContextVar<T> var, Context context, Object oldValue) {
        this.var = var;
        this.context = context;
        this.oldValue = oldValue;
    }

    /** The variable that made it ({@code token.var}). */
    public ContextVar<T> var() {
        return var;
    }

    /** The value before the set, or {@link #MISSING} ({@code token.old_value}). */
    public Object oldValue() {
        return oldValue;
    }

    @Override
    public String toString() {
        return "<Token" + (used ? " used" : "") + " var=" + var + ">";
    }
}
