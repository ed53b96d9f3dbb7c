package jaio.kernel.session;

import java.util.Map;
import java.util.UUID;

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
                cell.output.updateDisplayData(MimeRenderer.render(value), Map.of(), displayId);
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
        return show(MimeRenderer.render(value));
    }

    /** Shows {@code data} as MIME type {@code mime} (byte arrays are sent base64-encoded, e.g. images). */
    public static Handle display(Object data, String mime) {
        return show(MimeRenderer.render(data, mime));
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

    private static Handle show(Map<String, Object> bundle) {
        Cell cell = CurrentCell.ofRunningCodeOrRecent();
        String id = UUID.randomUUID().toString();
        if (cell == null) {
            OutputRouter.kernelOut().println(bundle.get("text/plain"));
            return new Handle(null, id);
        }
        cell.output.displayData(bundle, Map.of(), id);
        return new Handle(cell, id);
    }
}
