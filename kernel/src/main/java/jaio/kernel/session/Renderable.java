package jaio.kernel.session;

import java.util.Map;

/**
 * A value that shows itself as rich output: implement it in a cell's class and the value displays
 * as the returned MIME bundle (see {@link jaio.kernel.language.OutputSink} for the data conventions). A
 * {@code text/plain} entry is added from {@code toString()} when missing.
 */
public interface Renderable {
    Map<String, Object> mimeBundle();

    /** The display metadata, per MIME type (an image's {@code width} and {@code height}); none by default. */
    default Map<String, Object> metadata() {
        return Map.of();
    }
}
