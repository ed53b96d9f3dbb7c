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

    public static ExceptionContext of(String message, Throwable exception) {
        ExceptionContext c = new ExceptionContext();
        c.values.put("message", message);
        if (exception != null) {
            c.values.put("exception", exception);
        }
        return c;
    }

    public ExceptionContext with(String key, Object value) {
        values.put(key, value);
        return this;
    }

    public String message() {
        return (String) values.get("message");
    }

    public Throwable exception() {
        return (Throwable) values.get("exception");
    }

    public Object get(String key) {
        return values.get(key);
    }

    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
