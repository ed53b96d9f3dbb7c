package jaio.kernel.protocol;

import com.google.gson.JsonObject;
import jaio.kernel.wire.Message;
import java.util.UUID;

/** Makes the kernel's messages, all under the kernel's own session id (as ipykernel does). */
public final class MessageFactory {

    private final String session;
    private final String username;

    public MessageFactory(String session, String username) {
        this.session = session;
        this.username = username;
    }

    public static MessageFactory forNewKernel() {
        return new MessageFactory(UUID.randomUUID().toString(), "kernel");
    }

    public String session() {
        return session;
    }

    /** The reply to {@code request}: routed back to its sender, with the request as parent. */
    public Message reply(Message request, String msgType, JsonObject content) {
        return request.reply(session, username, msgType, content);
    }

    /** A message with {@code parentHeader} as parent (iopub messages, stdin requests). */
    public Message create(String msgType, JsonObject parentHeader, JsonObject content) {
        return Message.create(session, username, msgType, parentHeader, content);
    }
}
