package jaio.kernel.session;

import java.lang.reflect.Method;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a value into a MIME bundle: always {@code text/plain} (JShell's rendering: strings and
 * chars quoted and escaped, arrays listed), plus what the value offers: a {@link Renderable}'s
 * bundle, or a public no-argument {@code toHtml()} / {@code toMarkdown()} method returning a String.
 */
final class MimeRenderer {
    private MimeRenderer() {}

    static Map<String, Object> render(Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        if (value instanceof Renderable r) {
            data.putAll(r.mimeBundle());
        } else if (value != null) {
            putIfPresent(data, value, "toHtml", "text/html");
            putIfPresent(data, value, "toMarkdown", "text/markdown");
        }
        data.putIfAbsent("text/plain", SessionExecutionControl.plainText(value));
        return data;
    }

    /** A bundle for {@code data} as {@code mime}: byte arrays are base64-encoded, anything else is its string. */
    static Map<String, Object> render(Object data, String mime) {
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put(mime, data instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : String.valueOf(data));
        if (!mime.equals("text/plain")) {
            bundle.put("text/plain", "<" + mime + " output>");
        }
        return bundle;
    }

    private static void putIfPresent(Map<String, Object> data, Object value, String method, String mime) {
        try {
            Method m = value.getClass().getMethod(method);
            if (m.getReturnType() == String.class) {
                m.setAccessible(true);
                Object s = m.invoke(value);
                if (s != null) {
                    data.put(mime, s);
                }
            }
        } catch (NoSuchMethodException e) {
            // The value offers no such rendering: plain text only.
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A renderer that fails must not hide the value: fall back to plain text.
        }
    }
}
