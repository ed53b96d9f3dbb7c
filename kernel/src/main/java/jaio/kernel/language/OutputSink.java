package jaio.kernel.language;

import java.util.Map;

/**
 * Where one cell's output goes: the protocol layer implements it for an execute request (it knows
 * the request's header and execution count) and turns each call into an IOPub message.
 *
 * <p>Calls come from the session's threads (the cell's task, the output flusher, threads the cell
 * started), never two at once: the session serializes all sink calls of all cells. Calls for a
 * cell may continue after its execute future completed (tasks the cell started keep printing and
 * updating displays), but everything the cell printed before it ended is delivered before that
 * future completes. A sink must not block for long; it must not call back into the session.
 *
 * <p>MIME bundles map a MIME type to its data: a String for text types and base64 for binary
 * types (as Jupyter's display_data), or a JSON-like value (Map, List, String, Number, Boolean)
 * for {@code application/json}.
 */
public interface OutputSink {
    /** Text printed to {@code name}: "stdout" or "stderr" (a stream message). */
    void stream(String name, String text);

    /** A display_data message; {@code displayId} is null unless the output can be updated later. */
    void displayData(Map<String, Object> data, Map<String, Object> metadata, String displayId);

    /** An update_display_data message for the output created with {@code displayId}. */
    void updateDisplayData(Map<String, Object> data, Map<String, Object> metadata, String displayId);

    /** A clear_output message; with {@code wait}, the front end clears when new output arrives. */
    void clearOutput(boolean wait);

    /** The execute_result of the cell: the value of its last expression. */
    void executeResult(Map<String, Object> data, Map<String, Object> metadata);
}
