package jaio.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EncodedJsonTest {

    private final WireCodec codec = new WireCodec(MessageSigner.of("hmac-sha256", "k3y"));

    private static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A request as another client library writes it: its own spacing and key order, a field of its own. */
    private List<byte[]> foreignRequest(String header) {
        byte[] h = b(header);
        byte[] empty = b("{}");
        return List.of(b("peer"), WireCodec.DELIMITER, codec.signer().sign(h, empty, empty, empty), h, empty, empty, empty);
    }

    @Test
    void everyMessageARequestCausesCarriesItsHeaderAsItArrived() throws Exception {
        String header = "{\"msg_type\": \"kernel_info_request\", \"msg_id\": \"m-1\", \"session\": \"s\","
                + " \"username\": \"u\", \"date\": \"2026-12-01T00:00:00Z\", \"version\": \"5.3\", \"x\": \"\\u00e9\"}";
        Message request = codec.decode(foreignRequest(header));
        Message reply = request.reply("kernel-session", "kernel", "kernel_info_reply", new JsonObject());
        List<byte[]> frames = codec.encode(reply);
        assertEquals(header, s(frames.get(4)), "parent_header frame"); // [peer, <IDS|MSG>, sig, header, parent, ...]
        Message status = Message.create("kernel-session", "kernel", "status", request.header(), new JsonObject());
        assertEquals(header, s(codec.encode(status).get(3)));
        // The bytes are signed as sent: the peer verifies them.
        assertEquals(reply.parentHeader(), codec.decode(frames).parentHeader());
    }

    @Test
    void aConstantIsEncodedOnceAndAnEqualOneIsTheSameObject() {
        JsonObject a = new JsonObject();
        a.addProperty("execution_state", "a test constant");
        JsonObject constant = EncodedJson.constant(a);
        assertSame(a, constant);
        JsonObject equal = new JsonObject();
        equal.addProperty("execution_state", "a test constant");
        assertSame(a, EncodedJson.constant(equal), "the table keeps each distinct constant once");
        assertEquals(a.toString(), s(EncodedJson.utf8(a)));

        Message m = Message.create("s", "u", "status", new JsonObject(), constant);
        assertEquals(a.toString(), s(codec.encode(m).get(5)));
    }

    @Test
    void anObjectNotDeclaredIsEncodedAsItIsNow() {
        JsonObject o = new JsonObject();
        o.addProperty("n", 1);
        assertEquals("{\"n\":1}", s(EncodedJson.utf8(o)));
        o.addProperty("n", 2);
        assertEquals("{\"n\":2}", s(EncodedJson.utf8(o)));
    }

    @Test
    void messageIdsAreUniqueAndNameTheSession() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            Message m = Message.create("kernel-session", "kernel", "status", new JsonObject(), new JsonObject());
            assertTrue(m.msgId().startsWith("kernel-session_"), m.msgId());
            ids.add(m.msgId());
        }
        assertEquals(1000, ids.size());
        assertNotEquals(Message.create("a", "u", "t", new JsonObject(), new JsonObject()).msgId(),
                Message.create("a", "u", "t", new JsonObject(), new JsonObject()).msgId());
    }
}
