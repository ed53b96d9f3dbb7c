package jaio.kernel.session;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The display API of notebook cells (imported statically by the cell prelude), after IPython's
 * {@code IPython.display}. Output goes to the cell the calling code belongs to (a task started by
 * a cell displays under that cell, even after it ended).
 */
public final class Display {
    private Display() {}

    /** A handle on one display output: {@link #update} replaces it in place (update_display_data). */
    public static final class Handle {
        private final Cell cell;
        private final String displayId;

        Handle(Cell cell, String displayId) {
            this.cell = cell;
            this.displayId = displayId;
        }

        /** The Jupyter display_id of this output. */
        public String displayId() {
            return displayId;
        }

        /** Replaces the output by {@code value}, rendered as {@link #display(Object)} does. */
        public void update(Object value) {
            if (cell != null) {
                MimeRenderer.Rendered r = MimeRenderer.rendered(value);
                cell.output.updateDisplayData(r.data(), r.metadata(), displayId);
            }
        }

        /** Replaces the output by {@code data} shown as {@code mime}. */
        public void update(Object data, String mime) {
            if (cell != null) {
                cell.output.updateDisplayData(MimeRenderer.render(data, mime), Map.of(), displayId);
            }
        }

        @Override
        public String toString() {
            return "<display " + displayId + ">";
        }
    }

    /** Shows {@code value} (rich when it can render itself, see {@link Renderable}); returns a handle to update it. */
    public static Handle display(Object value) {
        return show(MimeRenderer.rendered(value));
    }

    /** Shows {@code data} as MIME type {@code mime} (byte arrays are sent base64-encoded, e.g. images). */
    public static Handle display(Object data, String mime) {
        return show(new MimeRenderer.Rendered(MimeRenderer.render(data, mime), Map.of()));
    }

    /** Clears the cell's output now. */
    public static void clearOutput() {
        clearOutput(false);
    }

    /** Clears the cell's output; with {@code wait}, only when new output arrives (no flicker). */
    public static void clearOutput(boolean wait) {
        Cell cell = CurrentCell.ofRunningCodeOrRecent();
        if (cell != null) {
            cell.output.clearOutput(wait);
        }
    }

    /** A value shown as HTML. */
    public static Renderable html(String html) {
        return rich("text/html", html);
    }

    /** A value shown as LaTeX ({@code $...$} or {@code \\begin{...}}), as IPython's {@code Latex}. */
    public static Renderable latex(String latex) {
        return rich("text/latex", latex);
    }

    /** A value shown as SVG markup. */
    public static Renderable svg(String svg) {
        return rich("image/svg+xml", svg);
    }

    /** A value shown as JSON (a tree in JupyterLab): maps, lists, strings, numbers, booleans. */
    public static Renderable json(Object value) {
        return new Renderable() {
            @Override
            public Map<String, Object> mimeBundle() {
                return Map.of("application/json", value, "text/plain", String.valueOf(value));
            }

            @Override
            public String toString() {
                return String.valueOf(value);
            }
        };
    }

    /** An image from a {@code BufferedImage} (sent as PNG); {@code .width(n)}/{@code .height(n)} size it. */
    public static ImageValue image(java.awt.image.RenderedImage image) {
        return ImageValue.of(image);
    }

    /** An image from PNG, JPEG or GIF bytes. */
    public static ImageValue image(byte[] bytes) {
        return ImageValue.bytes(bytes);
    }

    /** An image from a file (PNG, JPEG, GIF, or SVG by its name). */
    public static ImageValue image(Path file) {
        return ImageValue.file(file);
    }

    /** An image the frontend loads from {@code url}, or from a file when {@code url} has no scheme. */
    public static ImageValue image(String url) {
        URI u = URI.create(url);
        return u.getScheme() == null ? ImageValue.file(Path.of(url)) : ImageValue.url(u);
    }

    /**
     * Makes values of {@code type} (and its subtypes) show as {@code renderer} says: a MIME bundle
     * such as {@code Map.of("text/html", "<b>...</b>")}. The latest registration for a type wins.
     */
    public static <T> void registerRenderer(Class<T> type, Function<? super T, Map<String, Object>> renderer) {
        RendererRegistry.register(type, renderer);
    }

    /** A value shown as Markdown. */
    public static Renderable markdown(String markdown) {
        return rich("text/markdown", markdown);
    }

    private static Renderable rich(String mime, String text) {
        return new Renderable() {
            @Override
            public Map<String, Object> mimeBundle() {
                return Map.of(mime, text, "text/plain", text);
            }

            @Override
            public String toString() {
                return text;
            }
        };
    }

    private static Handle show(MimeRenderer.Rendered rendered) {
        Cell cell = CurrentCell.ofRunningCodeOrRecent();
        String id = UUID.randomUUID().toString();
        if (cell == null) {
            OutputRouter.kernelOut().println(rendered.data().get("text/plain"));
            return new Handle(null, id);
        }
        cell.output.displayData(rendered.data(), rendered.metadata(), id);
        return new Handle(cell, id);
    }
}
