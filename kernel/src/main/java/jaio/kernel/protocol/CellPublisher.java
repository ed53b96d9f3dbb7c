package jaio.kernel.protocol;

import com.google.gson.JsonObject;
import jaio.kernel.language.OutputSink;
import jaio.kernel.wire.Message;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The output and input of one execute_request: everything it publishes has that request as parent,
 * and its input requests go to that request's frontend. Converts the language's MIME bundles to
 * JSON here, once. Thread-safe; usable after the cell's execute completed (output of a task the
 * cell started still belongs to the cell, as contextvars make it in asyncio).
 */
final class CellPublisher implements OutputSink {

    private final Message request;
    private final int executionCount;
    private final boolean allowStdin;
    private final Iopub iopub;
    private final StdinChannel stdin;

    CellPublisher(Message request, int executionCount, boolean allowStdin, Iopub iopub, StdinChannel stdin) {
        this.request = request;
        this.executionCount = executionCount;
        this.allowStdin = allowStdin;
        this.iopub = iopub;
        this.stdin = stdin;
    }

    @Override
    public void stream(String name, String text) {
        JsonObject c = new JsonObject();
        c.addProperty("name", name);
        c.addProperty("text", text);
        publish("stream", c);
    }

    @Override
    public void displayData(Map<String, Object> data, Map<String, Object> metadata, String displayId) {
        publish("display_data", bundle(data, metadata, transientData(displayId)));
    }

    @Override
    public void updateDisplayData(Map<String, Object> data, Map<String, Object> metadata, String displayId) {
        publish("update_display_data", bundle(data, metadata, transientData(displayId)));
    }

    @Override
    public void executeResult(Map<String, Object> data, Map<String, Object> metadata) {
        JsonObject c = bundle(data, metadata, null);
        c.addProperty("execution_count", executionCount);
        publish("execute_result", c);
    }

    @Override
    public void clearOutput(boolean wait) {
        JsonObject c = new JsonObject();
        c.addProperty("wait", wait);
        publish("clear_output", c);
    }

    private void publish(String msgType, JsonObject content) {
        iopub.publish(request.header(), msgType, content);
    }

    /**
     * Asks the frontend for a line of input ({@code input_request} on stdin). Fails with
     * {@link InputUnavailableException} when the frontend does not allow stdin, and with
     * {@link InputInterruptedException} when the kernel is interrupted while waiting. Any thread.
     */
    CompletableFuture<String> requestInput(String prompt, boolean password) {
        if (!allowStdin) {
            return CompletableFuture.failedFuture(new InputUnavailableException(
                    "this frontend does not accept input requests (allow_stdin is false)"));
        }
        return stdin.request(request, prompt, password);
    }

    private static JsonObject bundle(Map<String, Object> data, Map<String, Object> metadata, JsonObject transientData) {
        JsonObject c = new JsonObject();
        c.add("data", JsonMaps.toJson(data));
        c.add("metadata", JsonMaps.toJson(metadata));
        if (transientData != null) {
            c.add("transient", transientData);
        }
        return c;
    }

    private static JsonObject transientData(String displayId) {
        JsonObject t = new JsonObject();
        if (displayId != null) {
            t.addProperty("display_id", displayId);
        }
        return t;
    }
}
