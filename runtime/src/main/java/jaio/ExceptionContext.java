package jaio;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a loop's exception handler is told (asyncio's {@code context} dict): always a
 * {@code "message"}, often an {@code "exception"}, and the object involved under {@code "future"},
 * {@code "task"} or {@code "handle"}.
 */
public final class ExceptionContext {
    private final Map<String, Object> values = new LinkedHashMap<>();

    private ExceptionContext() {}

    /**
     * A context with {@code message} and {@code exception} (may be null), as asyncio's exception
     * handlers receive.
     */
    public static ExceptionContext of(String message, Throwable exception) {
        ExceptionContext c = new ExceptionContext();
        c.values.put("message", message);
        if (exception != null) {
            c.values.put("exception", exception);
        }
        return c;
    }

    /**
     * Adds the entry {@code key} (asyncio's keys: {@code future}, {@code task}, {@code handle}...) and
     * returns this context.
     */
    public ExceptionContext with(String key, Object value) {
        values.put(key, value);
        return this;
    }

    /** The context's {@code "message"}. */
    public String message() {
        return (String) values.get("message");
    }

    /** The context's {@code "exception"}, or null. */
    public Throwable exception() {
        return (Throwable) values.get("exception");
    }

    /** The value of entry {@code key}, or null ({@code context[key]} in asyncio). */
    public Object get(String key) {
        return values.get(key);
    }

    /** All entries, in the order they were added (asyncio's context dict). */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
