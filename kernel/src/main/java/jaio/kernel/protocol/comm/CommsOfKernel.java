package jaio.kernel.protocol.comm;

import com.google.gson.JsonObject;
import jaio.kernel.language.Comms;
import jaio.kernel.protocol.JsonMaps;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The kernel's comms as the language contract shows them: {@link Comms} over a {@link CommManager},
 * converting the data between JSON-like maps and Gson's tree here, once. Comms the session opens
 * have no parent message (they belong to no cell's request).
 */
public final class CommsOfKernel implements Comms {
    private final CommManager manager;

    public CommsOfKernel(CommManager manager) {
        this.manager = manager;
    }

    @Override
    public void registerTarget(String targetName, BiConsumer<Channel, Map<String, Object>> opened) {
        manager.registerTarget(targetName, (comm, data) -> opened.accept(new CommChannel(comm), JsonMaps.toMap(data)));
    }

    @Override
    public void unregisterTarget(String targetName) {
        manager.unregisterTarget(targetName);
    }

    @Override
    public Channel open(String targetName, Map<String, Object> data) {
        return new CommChannel(manager.open(targetName, JsonMaps.toJson(data), new JsonObject()));
    }

    private record CommChannel(Comm comm) implements Channel {
        @Override
        public String id() {
            return comm.id();
        }

        @Override
        public String targetName() {
            return comm.targetName();
        }

        @Override
        public void send(Map<String, Object> data) {
            comm.send(JsonMaps.toJson(data));
        }

        @Override
        public void close(Map<String, Object> data) {
            comm.close(JsonMaps.toJson(data));
        }

        @Override
        public void onMessage(Consumer<Map<String, Object>> handler) {
            comm.onMessage(data -> handler.accept(JsonMaps.toMap(data)));
        }

        @Override
        public void onClose(Consumer<Map<String, Object>> handler) {
            comm.onClose(data -> handler.accept(JsonMaps.toMap(data)));
        }
    }
}
