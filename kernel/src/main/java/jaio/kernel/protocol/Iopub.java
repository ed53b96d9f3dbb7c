package jaio.kernel.protocol;

import com.google.gson.JsonObject;
import jaio.kernel.wire.EncodedJson;
import jaio.kernel.wire.IopubPublisher;
import jaio.kernel.wire.Message;
import java.util.List;

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

    /** The frames of a message, to send later with {@link #publishEncoded}: to send several back to back. */
    List<byte[]> encode(JsonObject parentHeader, String msgType, JsonObject content) {
        return publisher.encode(messages.create(msgType, parentHeader, content));
    }

    /** The frames of a {@code status} message, to send later with {@link #publishEncoded}. */
    List<byte[]> encodeStatus(JsonObject parentHeader, String state) {
        return encode(parentHeader, "status", statusContent(state));
    }

    /** Publishes frames made by {@link #encodeStatus}. */
    void publishEncoded(List<byte[]> frames) {
        publisher.publishEncoded(frames);
    }

    /** {@code status} with {@code execution_state} busy, idle or starting. */
    public void status(JsonObject parentHeader, String state) {
        publish(parentHeader, "status", statusContent(state));
    }

    /** Every request is bracketed by these two: their content is encoded once. */
    private static final JsonObject BUSY = EncodedJson.constant(executionState("busy"));
    private static final JsonObject IDLE = EncodedJson.constant(executionState("idle"));

    static JsonObject statusContent(String state) {
        return switch (state) {
            case "busy" -> BUSY;
            case "idle" -> IDLE;
            default -> executionState(state);
        };
    }

    private static JsonObject executionState(String state) {
        JsonObject content = new JsonObject();
        content.addProperty("execution_state", state);
        return content;
    }
}
