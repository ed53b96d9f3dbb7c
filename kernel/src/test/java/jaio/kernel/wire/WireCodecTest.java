package jaio.kernel.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireCodecTest {

    private final WireCodec codec = new WireCodec(MessageSigner.of("hmac-sha256", "k3y"));

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Message sample() {
        JsonObject content = new JsonObject();
        content.addProperty("code", "println(\"é😀\")");
        return Message.create("s", "u", "execute_request", new JsonObject(), content)
                .withIdentities(List.of(b("id-1"), b("id-2")))
                .withBuffers(List.of(new byte[] {1, 2, 3}));
    }

    @Test
    void hmacSha256MatchesAKnownVector() {
        MessageSigner signer = MessageSigner.of("hmac-sha256", "key");
        byte[] sig = signer.sign(b("The quick brown fox "), b("jumps over "), b("the lazy "), b("dog"));
        assertEquals("f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8",
                new String(sig, StandardCharsets.US_ASCII));
    }

    @Test
    void signingFromManyThreadsAtOnceGivesEachMessageItsOwnSignature() throws Exception {
        // Each thread keeps its own Mac: a shared one would mix the parts of concurrent messages.
        MessageSigner signer = MessageSigner.of("hmac-sha256", "key");
        String expected = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8";
        List<Thread> threads = new ArrayList<>();
        List<String> wrong = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 8; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 2000; i++) {
                    String sig = new String(signer.sign(b("The quick brown fox "), b("jumps over "), b("the lazy "), b("dog")),
                            StandardCharsets.US_ASCII);
                    if (!sig.equals(expected) || !signer.verify(b(expected), b("The quick brown fox "), b("jumps over "),
                            b("the lazy "), b("dog"))) {
                        wrong.add(sig);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), wrong);
    }

    @Test
    void roundTripKeepsIdentitiesPartsAndBuffers() throws Exception {
        Message m = sample();
        List<byte[]> frames = codec.encode(m);
        assertEquals(2 + 1 + 1 + 4 + 1, frames.size());
        assertArrayEquals(WireCodec.DELIMITER, frames.get(2));
        Message back = codec.decode(frames);
        assertEquals(2, back.identities().size());
        assertArrayEquals(b("id-2"), back.identities().get(1));
        assertEquals(m.header(), back.header());
        assertEquals(m.content(), back.content());
        assertArrayEquals(new byte[] {1, 2, 3}, back.buffers().get(0));
        assertEquals("execute_request", back.msgType());
    }

    @Test
    void tamperedContentOrWrongKeyIsRejected() {
        List<byte[]> frames = new ArrayList<>(codec.encode(sample()));
        frames.set(7, b("{\"code\":\"rm -rf\"}"));
        assertThrows(BadSignatureException.class, () -> codec.decode(frames));
        WireCodec other = new WireCodec(MessageSigner.of("hmac-sha256", "other"));
        assertThrows(BadSignatureException.class, () -> other.decode(codec.encode(sample())));
    }

    @Test
    void emptyKeyDisablesSigningBothWays() throws Exception {
        WireCodec unsigned = new WireCodec(MessageSigner.of("hmac-sha256", ""));
        List<byte[]> frames = unsigned.encode(sample());
        assertEquals(0, frames.get(3).length);
        assertFalse(unsigned.signer().enabled());
        assertEquals("execute_request", unsigned.decode(codec.encode(sample())).msgType());
    }

    @Test
    void malformedFramesGiveAClearException() {
        MalformedMessageException noDelimiter = assertThrows(MalformedMessageException.class,
                () -> codec.decode(List.of(b("a"), b("b"))));
        assertTrue(noDelimiter.getMessage().contains("<IDS|MSG>"));
        assertThrows(MalformedMessageException.class,
                () -> codec.decode(List.of(WireCodec.DELIMITER, b(""), b("{}"))));
        WireCodec unsigned = new WireCodec(MessageSigner.disabled());
        MalformedMessageException notJson = assertThrows(MalformedMessageException.class, () -> unsigned.decode(
                List.of(WireCodec.DELIMITER, b(""), b("{\"msg_id\":\"1\",\"msg_type\":\"x\"}"), b("{}"), b("{}"), b("[1]"))));
        assertTrue(notJson.getMessage().contains("content"), notJson.getMessage());
        assertThrows(MalformedMessageException.class, () -> unsigned.decode(
                List.of(WireCodec.DELIMITER, b(""), b("{}"), b("{}"), b("{}"), b("{}"))));
        assertThrows(MalformedMessageException.class, () -> unsigned.decode(
                List.of(WireCodec.DELIMITER, b(""), b("{\"msg_id\":"), b("{}"), b("{}"), b("{}"))));
    }

    @Test
    void unsupportedSchemeIsAClearError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MessageSigner.of("rot13", "k"));
        assertTrue(e.getMessage().contains("rot13") && e.getMessage().contains("hmac-sha256"), e.getMessage());
    }

    @Test
    void connectionFileIsParsedAndValidated() {
        ConnectionInfo info = ConnectionInfo.parse("""
                {"shell_port": 1, "iopub_port": 2, "stdin_port": 3, "control_port": 4, "hb_port": 5,
                 "ip": "127.0.0.1", "key": "abc", "transport": "tcp", "signature_scheme": "hmac-sha256",
                 "kernel_name": "jaio"}""");
        assertEquals(4, info.controlPort());
        assertEquals("abc", info.key());
        assertEquals("tcp://127.0.0.1:5", info.endpoint(info.hbPort()));
        assertEquals(info, ConnectionInfo.parse(info.toJson().toString()));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ConnectionInfo.parse("{\"shell_port\": 1}"));
        assertTrue(missing.getMessage().contains("iopub_port"), missing.getMessage());
        assertEquals("ipc://kernel-7", new ConnectionInfo("ipc", "kernel", 7, 8, 9, 10, 11, "", "hmac-sha256", "")
                .endpoint(7));
    }
}
