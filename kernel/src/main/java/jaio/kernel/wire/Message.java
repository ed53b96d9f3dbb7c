package jaio.kernel.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Jupyter message: the routing identities, the four JSON parts and the extra binary buffers.
 *
 * <p>The JSON parts are Gson trees owned by this message; a message is not changed once it is
 * handed to a socket. Replies and iopub messages are made with {@link #reply} and
 * {@link #create}, so the parent header and the routing identities are always set the same way.
 */
public final class Message {

    /** The protocol version the kernel speaks, stamped into every header it writes. */
    public static final String PROTOCOL_VERSION = "5.3";

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    /**
     * Numbers the messages this process makes. A msg_id is the sender's session id (a random UUID
     * per kernel) and this number, as jupyter_client's {@code Session.msg_id} makes them: unique, and
     * without a {@code SecureRandom} call (a lock and, every other id, a read of /dev/urandom) for
     * each of the three or more messages of every request.
     */
    private static final AtomicLong MESSAGE_COUNT = new AtomicLong();

    private final List<byte[]> identities;
    private final JsonObject header;
    private final JsonObject parentHeader;
    private final JsonObject metadata;
    private final JsonObject content;
    private final List<byte[]> buffers;

    public Message(List<byte[]> identities, JsonObject header, JsonObject parentHeader,
            JsonObject metadata, JsonObject content, List<byte[]> buffers) {
        this.identities = List.copyOf(identities);
        this.header = header;
        this.parentHeader = parentHeader;
        this.metadata = metadata;
        this.content = content;
        this.buffers = List.copyOf(buffers);
    }

    /**
     * A new message from {@code session}, child of {@code parentHeader} (an empty object for none).
     * Identities are empty: on iopub they are the topic, on ROUTER sockets the peer, and the
     * caller adds whichever applies with {@link #withIdentities}.
     */
    public static Message create(String session, String username, String msgType,
            JsonObject parentHeader, JsonObject content) {
        return new Message(List.of(), header(session, username, msgType), parentHeader,
                new JsonObject(), content, List.of());
    }

    /**
     * The reply to this request, sent by {@code session} (the kernel's own session id, as ipykernel
     * does): same routing identities so the ROUTER socket delivers it to the requester, and the
     * request's header as parent so the client can match it.
     */
    public Message reply(String session, String username, String msgType, JsonObject content) {
        return new Message(identities, header(session, username, msgType), header,
                new JsonObject(), content, List.of());
    }

    public Message withIdentities(List<byte[]> newIdentities) {
        return new Message(newIdentities, header, parentHeader, metadata, content, buffers);
    }

    public Message withMetadata(JsonObject newMetadata) {
        return new Message(identities, header, parentHeader, newMetadata, content, buffers);
    }

    public Message withBuffers(List<byte[]> newBuffers) {
        return new Message(identities, header, parentHeader, metadata, content, newBuffers);
    }

    public static JsonObject header(String session, String username, String msgType) {
        JsonObject h = new JsonObject();
        h.addProperty("msg_id", session + "_" + MESSAGE_COUNT.getAndIncrement());
        h.addProperty("session", session);
        h.addProperty("username", username);
        h.addProperty("date", DATE.format(ZonedDateTime.now(ZoneOffset.UTC)));
        h.addProperty("msg_type", msgType);
        h.addProperty("version", PROTOCOL_VERSION);
        return h;
    }

    public List<byte[]> identities() {
        return identities;
    }

    public JsonObject header() {
        return header;
    }

    public JsonObject parentHeader() {
        return parentHeader;
    }

    public JsonObject metadata() {
        return metadata;
    }

    public JsonObject content() {
        return content;
    }

    public List<byte[]> buffers() {
        return buffers;
    }

    public String msgType() {
        return headerString(header, "msg_type");
    }

    public String msgId() {
        return headerString(header, "msg_id");
    }

    public String session() {
        return headerString(header, "session");
    }

    /** The msg_id of the parent, or "" when this message has no parent. */
    public String parentMsgId() {
        return headerString(parentHeader, "msg_id");
    }

    private static String headerString(JsonObject h, String name) {
        JsonElement e = h.get(name);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? "" : e.getAsString();
    }

    @Override
    public String toString() {
        return "Message[" + msgType() + " " + msgId() + " parent=" + parentMsgId() + " " + content + "]";
    }
}
