package jaio.kernel.protocol;

import com.google.gson.JsonObject;
import jaio.kernel.wire.IopubPublisher;
import jaio.kernel.wire.Message;

/** Builds and publishes iopub messages with a given parent. Thread-safe. */
public final class Iopub {

    private final IopubPublisher publisher;
    private final MessageFactory messages;

    public Iopub(IopubPublisher publisher, MessageFactory messages) {
        this.publisher = publisher;
        this.messages = messages;
    }

    public void publish(JsonObject parentHeader, String msgType, JsonObject content) {
        publisher.publish(messages.create(msgType, parentHeader, content));
    }

    /** {@code status} with {@code execution_state} busy, idle or starting. */
    public void status(JsonObject parentHeader, String state) {
        JsonObject content = new JsonObject();
        content.addProperty("execution_state", state);
        publish(parentHeader, "status", content);
    }
}
