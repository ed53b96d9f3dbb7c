package jaio.kernel.protocol;

import com.google.gson.JsonObject;
import jaio.kernel.wire.Message;
import java.util.concurrent.CompletableFuture;

/** The {@link ExecutionContext} of one execute_request: everything it publishes has that request as parent. */
final class CellContext implements ExecutionContext {

    private final Message request;
    private final int executionCount;
    private final boolean allowStdin;
    private final Iopub iopub;
    private final StdinChannel stdin;

    CellContext(Message request, int executionCount, boolean allowStdin, Iopub iopub, StdinChannel stdin) {
        this.request = request;
        this.executionCount = executionCount;
        this.allowStdin = allowStdin;
        this.iopub = iopub;
        this.stdin = stdin;
    }

    @Override
    public int executionCount() {
        return executionCount;
    }

    @Override
    public JsonObject parentHeader() {
        return request.header();
    }

    @Override
    public void stream(String name, String text) {
        JsonObject c = new JsonObject();
        c.addProperty("name", name);
        c.addProperty("text", text);
        publish("stream", c);
    }

    @Override
    public void displayData(JsonObject data, JsonObject metadata, JsonObject transientData) {
        publish("display_data", bundle(data, metadata, transientData));
    }

    @Override
    public void updateDisplayData(JsonObject data, JsonObject metadata, JsonObject transientData) {
        publish("update_display_data", bundle(data, metadata, transientData));
    }

    @Override
    public void executeResult(JsonObject data, JsonObject metadata) {
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

    @Override
    public void publish(String msgType, JsonObject content) {
        iopub.publish(request.header(), msgType, content);
    }

    @Override
    public CompletableFuture<String> requestInput(String prompt, boolean password) {
        if (!allowStdin) {
            return CompletableFuture.failedFuture(new InputUnavailableException(
                    "this frontend does not accept input requests (allow_stdin is false)"));
        }
        return stdin.request(request, prompt, password);
    }

    private static JsonObject bundle(JsonObject data, JsonObject metadata, JsonObject transientData) {
        JsonObject c = new JsonObject();
        c.add("data", data == null ? new JsonObject() : data);
        c.add("metadata", metadata == null ? new JsonObject() : metadata);
        if (transientData != null) {
            c.add("transient", transientData);
        }
        return c;
    }
}
