package jaio.kernel.language;

import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Comms as a session sees them: channels of custom messages with the frontend, their data as
 * JSON-like values (Map, List, String, Number, Boolean, null). Thread-safe; handlers run on the
 * kernel's shell thread and must not block.
 */
public interface Comms {

    /** One open comm. */
    interface Channel {
        String id();

        String targetName();

        /** Sends a comm_msg to the frontend. */
        void send(Map<String, Object> data);

        /** Closes the comm from the kernel side. */
        void close(Map<String, Object> data);

        /** Handles the data of each comm_msg from the frontend. */
        void onMessage(Consumer<Map<String, Object>> handler);

        /** Handles the data of the frontend's comm_close. */
        void onClose(Consumer<Map<String, Object>> handler);
    }

    /** Accepts comms the frontend opens for {@code targetName}; {@code opened} throwing rejects the comm. */
    void registerTarget(String targetName, BiConsumer<Channel, Map<String, Object>> opened);

    void unregisterTarget(String targetName);

    /** Opens a comm from the kernel side (comm_open to the frontend). */
    Channel open(String targetName, Map<String, Object> data);

    /** No frontend to talk to: opening fails, registering does nothing. */
    Comms NONE = new Comms() {
        @Override
        public void registerTarget(String targetName, BiConsumer<Channel, Map<String, Object>> opened) {
        }

        @Override
        public void unregisterTarget(String targetName) {
        }

        @Override
        public Channel open(String targetName, Map<String, Object> data) {
            throw new IllegalStateException("this session has no frontend to open a comm with");
        }
    };
}
