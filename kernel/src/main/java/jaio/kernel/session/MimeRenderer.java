package jaio.kernel.session;

import java.awt.image.RenderedImage;
import java.lang.reflect.Method;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a value into a MIME bundle and its metadata: always {@code text/plain} (JShell's
 * rendering: strings and chars quoted and escaped, arrays listed), plus, first match wins: a
 * {@link Renderable}'s bundle; a renderer registered for the value's type
 * ({@link RendererRegistry}); an image ({@code BufferedImage} or any {@code RenderedImage}, and
 * {@code byte[]} that start like a PNG, JPEG or GIF); a table for a collection of records or maps
 * ({@link TableRenderer}); a public no-argument {@code toHtml()} / {@code toMarkdown()} method
 * returning a String. A renderer that fails leaves plain text, with the failure named.
 */
final class MimeRenderer {
    /** A value's bundle and the display metadata that goes with it. */
    record Rendered(Map<String, Object> data, Map<String, Object> metadata) {}

    private MimeRenderer() {}

    static Map<String, Object> render(Object value) {
        return rendered(value).data();
    }

    static Rendered rendered(Object value) {
        Map<String, Object> data = new LinkedHashMap<>();
        Map<String, Object> metadata = Map.of();
        try {
            Renderable r = asRenderable(value);
            Map<String, Object> custom = r == null && value != null ? RendererRegistry.render(value) : null;
            if (r != null) {
                data.putAll(r.mimeBundle());
                metadata = r.metadata();
            } else if (custom != null) {
                data.putAll(custom);
            } else {
                Map<String, Object> table = TableRenderer.render(value);
                if (table != null) {
                    data.putAll(table);
                } else if (value != null) {
                    putIfPresent(data, value, "toHtml", "text/html");
                    putIfPresent(data, value, "toMarkdown", "text/markdown");
                }
            }
        } catch (RuntimeException | LinkageError e) {
            // A renderer that fails must not hide the value: plain text, saying why.
            data.clear();
            data.put("text/plain", SessionExecutionControl.plainText(value) + "\n(rich display failed: " + e + ")");
            return new Rendered(data, Map.of());
        }
        data.putIfAbsent("text/plain", SessionExecutionControl.plainText(value));
        return new Rendered(data, metadata);
    }

    private static Renderable asRenderable(Object value) {
        if (value instanceof Renderable r) {
            return r;
        }
        if (value instanceof RenderedImage image) {
            return ImageValue.of(image);
        }
        if (value instanceof byte[] b && ImageValue.sniff(b) != null) {
            return ImageValue.bytes(b);
        }
        return null;
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
