package jaio.kernel.protocol.comm;

import com.google.gson.JsonObject;
import java.util.function.Consumer;

/**
 * One open comm: a channel of custom messages between a frontend widget and kernel code. Messages
 * the kernel sends go out on iopub with, as parent, the last message this comm received (or the one
 * that opened it), so the frontend routes them to the right output area.
 */
public final class Comm {

    private final String id;
    private final String targetName;
    private final CommManager manager;
    private volatile JsonObject parentHeader;
    private volatile Consumer<JsonObject> onMessage = data -> { };
    private volatile Consumer<JsonObject> onClose = data -> { };

    Comm(String id, String targetName, CommManager manager, JsonObject parentHeader) {
        this.id = id;
        this.targetName = targetName;
        this.manager = manager;
        this.parentHeader = parentHeader;
    }

    public String id() {
        return id;
    }

    public String targetName() {
        return targetName;
    }

    /** Handles the {@code data} of each comm_msg from the frontend. */
    public void onMessage(Consumer<JsonObject> handler) {
        onMessage = handler;
    }

    /** Handles the {@code data} of the frontend's comm_close. */
    public void onClose(Consumer<JsonObject> handler) {
        onClose = handler;
    }

    /** Sends a comm_msg to the frontend. */
    public void send(JsonObject data) {
        manager.publish(parentHeader, "comm_msg", CommManager.content(id, data));
    }

    /** Closes the comm from the kernel side (comm_close to the frontend). */
    public void close(JsonObject data) {
        if (manager.forget(id)) {
            manager.publish(parentHeader, "comm_close", CommManager.content(id, data));
        }
    }

    void received(JsonObject parent, JsonObject data) {
        parentHeader = parent;
        onMessage.accept(data);
    }

    void closedByFrontend(JsonObject parent, JsonObject data) {
        parentHeader = parent;
        onClose.accept(data);
    }
}
