package jaio.kernel;

import static jaio.kernel.JupyterTestClient.Channel.SHELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import jaio.kernel.wire.Message;
import jaio.kernel.wire.WireCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What another process on the machine can send to the kernel's ports: frames with no valid
 * signature, a captured request sent again, signed requests that are not proper JSON. None of it may
 * run, and none of it may write into a user's cell; the kernel's own log stays bounded.
 */
@Timeout(120)
class HostileInputTest extends OneKernelPerClass {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static JupyterTestClient client;

    @BeforeAll
    static void client() {
        client = kernel.client;
    }

    private static JsonObject run(String code) {
        Message m = kernel.send(code);
        client.iopubUntilIdle(m, WAIT);
        Message reply = client.reply(SHELL, m, WAIT);
        assertNotNull(reply, "no execute_reply for " + code);
        return reply.content();
    }

    private static String value(String expression) {
        Message m = kernel.send(expression);
        List<Message> out = client.iopubUntilIdle(m, WAIT);
        return out.stream().filter(x -> x.msgType().equals("execute_result")).findFirst()
                .map(x -> x.content().getAsJsonObject("data").get("text/plain").getAsString())
                .orElseThrow(() -> new AssertionError("no value for " + expression + ": " + out));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A header as a client writes it, with {@code msgId} spliced in as raw JSON. */
    private static String header(String msgIdJson) {
        return "{\"msg_id\": " + msgIdJson + ", \"session\": \"s\", \"username\": \"u\", \"date\": \"2026-01-01T00:00:00.000000Z\","
                + " \"msg_type\": \"execute_request\", \"version\": \"5.3\"}";
    }

    /** Frames signed with the connection key around raw JSON texts, as a client holding the key could send. */
    private static List<byte[]> signed(String header, String content) {
        WireCodec codec = client.codec();
        byte[] h = utf8(header);
        byte[] p = utf8("{}");
        byte[] md = utf8("{}");
        byte[] c = utf8(content);
        List<byte[]> frames = new ArrayList<>();
        frames.add(WireCodec.DELIMITER);
        frames.add(codec.signer().sign(h, p, md, c));
        frames.addAll(List.of(h, p, md, c));
        return frames;
    }

    @Test
    void unsignedFloodAfterACellWritesNothingAnywhereAndLogsBounded() throws Exception {
        Message cell = kernel.send("System.out.println(\"the user's cell\");");
        client.iopubUntilIdle(cell, WAIT);
        client.reply(SHELL, cell, WAIT);
        List<byte[]> bad = List.of(WireCodec.DELIMITER, utf8("bad"), utf8("{}"), utf8("{}"), utf8("{}"), utf8("{}"));
        for (int i = 0; i < 400; i++) {
            client.sendFrames(SHELL, bad);
        }
        // The kernel reads its shell socket in order: once this cell is answered, the flood was handled.
        assertEquals("2", value("1 + 1"));
        List<Message> late = client.drainIopub(Duration.ofMillis(500));
        assertEquals(List.of(), late.stream().filter(m -> m.msgType().equals("stream")).toList(),
                "the kernel's diagnostics reached a cell");
        String log = java.nio.file.Files.readString(kernel.log);
        long lines = log.lines().filter(l -> l.contains("bad signature")).count();
        assertTrue(lines >= 1 && lines <= 7, "400 bad frames must give a bounded log, got " + lines + " lines:\n" + log);
    }

    @Test
    void aReplayedRequestRunsOnce() {
        run("var replayHits = 0;");
        JsonObject content = new JsonObject();
        content.addProperty("code", "replayHits++;");
        content.addProperty("allow_stdin", false);
        Message request = client.request("execute_request", content);
        List<byte[]> frames = client.codec().encode(request);
        client.sendFrames(SHELL, frames);
        assertNotNull(client.reply(SHELL, request, WAIT), "the original request was not answered");
        client.sendFrames(SHELL, frames);
        assertEquals("1", value("replayHits"));
        assertNull(client.reply(SHELL, request, Duration.ofMillis(300)), "the replay was answered");
    }

    @Test
    void signedButNotJsonContentIsAnsweredAndNotRun() {
        run("var lenientHits = 0;");
        String id = UUID.randomUUID().toString();
        client.sendFrames(SHELL, signed(header("\"" + id + "\""), "{code:'lenientHits++;'}"));
        Message reply = client.await(SHELL, m -> m.parentMsgId().equals(id), WAIT);
        assertNotNull(reply, "a signed request with malformed content gets an error reply");
        assertEquals("error", reply.content().get("status").getAsString());
        assertEquals("InvalidMessage", reply.content().get("ename").getAsString());
        assertTrue(reply.content().get("evalue").getAsString().contains("content"), reply.content().toString());
        assertEquals("0", value("lenientHits"));
    }

    @Test
    void headersWithAMsgIdThatIsNotAStringAreDropped() {
        run("var badIdHits = 0;");
        for (String msgId : List.of("null", "[\"a\", \"b\"]", "42", "{}")) {
            client.sendFrames(SHELL, signed(header(msgId), "{\"code\": \"badIdHits++;\", \"allow_stdin\": false}"));
        }
        // A header that is not strict JSON is dropped too.
        client.sendFrames(SHELL, signed("{msg_id: 'x', msg_type: 'execute_request'}", "{\"code\": \"badIdHits++;\"}"));
        assertEquals("0", value("badIdHits"));
    }

    @Test
    void anExecuteRequestWhoseCodeIsNotAStringIsAnsweredAndNotRun() {
        JsonObject content = new JsonObject();
        content.addProperty("code", 42);
        Message request = client.send(SHELL, "execute_request", content);
        Message reply = client.reply(SHELL, request, WAIT);
        assertNotNull(reply);
        assertEquals("error", reply.content().get("status").getAsString());
        assertTrue(reply.content().get("evalue").getAsString().contains("code must be a string"), reply.content().toString());
        assertEquals(List.of(), client.iopubUntilIdle(request, WAIT).stream()
                .filter(m -> m.msgType().equals("execute_input")).toList(), "nothing is executed");
    }
}
