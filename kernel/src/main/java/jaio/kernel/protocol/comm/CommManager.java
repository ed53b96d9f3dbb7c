package jaio.kernel.protocol.comm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import jaio.kernel.protocol.Iopub;
import jaio.kernel.wire.KernelLog;
import jaio.kernel.wire.Message;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The comm target registry and the open comms. A comm_open for a target nobody registered is closed
 * back at once with comm_close, as ipykernel does, so the frontend does not wait on a dead comm.
 * Thread-safe: targets are registered by the session, messages arrive on the shell thread.
 */
public final class CommManager {

    private final Iopub iopub;
    private final Map<String, CommTarget> targets = new ConcurrentHashMap<>();
    private final Map<String, Comm> comms = new ConcurrentHashMap<>();

    public CommManager(Iopub iopub) {
        this.iopub = iopub;
    }

    public void registerTarget(String targetName, CommTarget target) {
        targets.put(targetName, target);
    }

    public void unregisterTarget(String targetName) {
        targets.remove(targetName);
    }

    /** Opens a comm from the kernel side (comm_open to the frontend), child of {@code parentHeader}. */
    public Comm open(String targetName, JsonObject data, JsonObject parentHeader) {
        Comm comm = new Comm(UUID.randomUUID().toString(), targetName, this, parentHeader);
        comms.put(comm.id(), comm);
        JsonObject content = content(comm.id(), data);
        content.addProperty("target_name", targetName);
        publish(parentHeader, "comm_open", content);
        return comm;
    }

    /** Handles a frontend's comm_open. */
    public void opened(Message message) {
        JsonObject c = message.content();
        String id = string(c, "comm_id");
        String targetName = string(c, "target_name");
        CommTarget target = targets.get(targetName);
        if (id.isEmpty()) {
            KernelLog.warn("comm_open without comm_id ignored");
            return;
        }
        if (target == null) {
            KernelLog.warn("no comm target registered for \"" + targetName + "\": comm " + id + " closed");
            publish(message.header(), "comm_close", content(id, new JsonObject()));
            return;
        }
        Comm comm = new Comm(id, targetName, this, message.header());
        comms.put(id, comm);
        try {
            target.opened(comm, data(c));
        } catch (RuntimeException e) {
            KernelLog.error("comm target \"" + targetName + "\" rejected comm " + id, e);
            comm.close(new JsonObject());
        }
    }

    /** Handles a frontend's comm_msg. */
    public void received(Message message) {
        Comm comm = comms.get(string(message.content(), "comm_id"));
        if (comm == null) {
            KernelLog.warn("comm_msg for unknown comm " + string(message.content(), "comm_id") + " ignored");
            return;
        }
        comm.received(message.header(), data(message.content()));
    }

    /** Handles a frontend's comm_close. */
    public void closed(Message message) {
        Comm comm = comms.remove(string(message.content(), "comm_id"));
        if (comm == null) {
            KernelLog.warn("comm_close for unknown comm " + string(message.content(), "comm_id") + " ignored");
            return;
        }
        comm.closedByFrontend(message.header(), data(message.content()));
    }

    /** The comm_info_reply's {@code comms}: id → {target_name}, only {@code targetName}'s when not null. */
    public JsonObject info(String targetName) {
        JsonObject result = new JsonObject();
        for (Comm comm : comms.values()) {
            if (targetName == null || targetName.equals(comm.targetName())) {
                JsonObject entry = new JsonObject();
                entry.addProperty("target_name", comm.targetName());
                result.add(comm.id(), entry);
            }
        }
        return result;
    }

    boolean forget(String id) {
        return comms.remove(id) != null;
    }

    void publish(JsonObject parentHeader, String msgType, JsonObject content) {
        iopub.publish(parentHeader, msgType, content);
    }

    static JsonObject content(String id, JsonObject data) {
        JsonObject content = new JsonObject();
        content.addProperty("comm_id", id);
        content.add("data", data == null ? new JsonObject() : data);
        return content;
    }

    private static JsonObject data(JsonObject content) {
        JsonElement e = content.get("data");
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    }

    private static String string(JsonObject o, String name) {
        JsonElement e = o.get(name);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : "";
    }
}
