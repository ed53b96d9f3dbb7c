package jaio.kernel.protocol;

import com.google.gson.JsonObject;

/**
 * Publishes a cell's output on iopub with the cell's execute_request as parent. Thread-safe, and
 * usable after the cell's execute completed: output of a task the cell started still belongs to the
 * cell (as contextvars make it in asyncio).
 */
public interface OutputSink {

    /** A {@code stream} message; {@code name} is "stdout" or "stderr". */
    void stream(String name, String text);

    /** A {@code display_data} message; {@code transientData} may hold a {@code display_id}. */
    void displayData(JsonObject data, JsonObject metadata, JsonObject transientData);

    /** An {@code update_display_data} message; {@code transientData} must hold the {@code display_id}. */
    void updateDisplayData(JsonObject data, JsonObject metadata, JsonObject transientData);

    /** The cell's {@code execute_result}; the kernel fills in the execution count. */
    void executeResult(JsonObject data, JsonObject metadata);

    void clearOutput(boolean wait);

    /** Any other iopub message type, with the cell as parent. */
    void publish(String msgType, JsonObject content);
}
