package jaio.kernel.session;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A progress bar in a cell's output, after tqdm: count, percentage, elapsed and remaining time and
 * rate, updated in place (update_display_data) as items finish. The bundle holds HTML (a
 * {@code <progress>} element, for notebooks) and text (a bar of blocks, for consoles); a bar that
 * ends in an error says so in red. Made by {@code progress(...)} ({@link Progress}).
 *
 * <p>Thread-safe: items may finish on the loop or on any thread. Redraws are at most every
 * {@value #REDRAW_MILLIS} ms, and always for the first item, the last one and an error.
 */
public final class ProgressBar implements Renderable {
    static final long REDRAW_MILLIS = 100;
    private static final int WIDTH = 20;

    private final String description;
    private final Integer total;
    private final long startNanos = System.nanoTime();
    private Display.Handle handle;
    private int done;
    private Throwable error;
    private long lastDrawNanos;

    ProgressBar(String description, Integer total) {
        this.description = description;
        this.total = total;
    }

    /** Shows the bar (at 0) in the cell of the code that made it. */
    ProgressBar show() {
        handle = Display.display(this);
        lastDrawNanos = System.nanoTime();
        return this;
    }

    /** One more item finished. */
    void advance() {
        boolean draw;
        synchronized (this) {
            done++;
            long now = System.nanoTime();
            draw = done == 1 || (total != null && done >= total) || now - lastDrawNanos >= REDRAW_MILLIS * 1_000_000;
            if (draw) {
                lastDrawNanos = now;
            }
        }
        if (draw) {
            redraw();
        }
    }

    /** The work ended early with {@code e}: the bar stays where it was, and says so. */
    void fail(Throwable e) {
        synchronized (this) {
            if (error != null) {
                return;
            }
            error = e;
        }
        redraw();
    }

    /** Draws the final state (an iteration that ended before the total, or one of unknown length). */
    void finish() {
        redraw();
    }

    private void redraw() {
        if (handle != null) {
            handle.update(this);
        }
    }

    @Override
    public synchronized Map<String, Object> mimeBundle() {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double rate = elapsed > 0 ? done / elapsed : 0;
        String counts = total != null ? done + "/" + total : done + " it";
        String times = "[" + clock(elapsed) + (total != null && rate > 0 ? "<" + clock(Math.max(0, total - done) / rate) : "")
                + ", " + String.format(Locale.ROOT, "%.2f", rate) + " it/s]";
        String failure = error == null ? "" : " failed: " + error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        String prefix = description == null || description.isEmpty() ? "" : description + ": ";

        StringBuilder text = new StringBuilder(prefix);
        StringBuilder html = new StringBuilder("<div>").append(escape(prefix));
        if (total != null && total > 0) {
            int percent = (int) (100L * Math.min(done, total) / total);
            int filled = (int) ((long) WIDTH * Math.min(done, total) / total);
            text.append(String.format(Locale.ROOT, "%3d%%", percent)).append('|').append("█".repeat(filled))
                    .append(" ".repeat(WIDTH - filled)).append("| ");
            html.append(String.format(Locale.ROOT, "%3d%% ", percent)).append("<progress value=\"").append(Math.min(done, total))
                    .append("\" max=\"").append(total).append("\" style=\"width: 20em\"></progress> ");
        }
        text.append(counts).append(' ').append(times).append(failure);
        html.append(counts).append(' ').append(times);
        if (error != null) {
            html.append(" <span style=\"color: #c00\">").append(escape(failure.strip())).append("</span>");
        }
        html.append("</div>");
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html.toString());
        bundle.put("text/plain", text.toString());
        return bundle;
    }

    /** The count done so far. */
    public synchronized int done() {
        return done;
    }

    @Override
    public String toString() {
        return (String) mimeBundle().get("text/plain");
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
