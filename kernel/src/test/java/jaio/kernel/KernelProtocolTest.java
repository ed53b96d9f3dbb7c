package jaio.kernel;

import static jaio.kernel.JupyterTestClient.Channel.CONTROL;
import static jaio.kernel.JupyterTestClient.Channel.IOPUB;
import static jaio.kernel.JupyterTestClient.Channel.SHELL;
import static jaio.kernel.JupyterTestClient.Channel.STDIN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import jaio.kernel.language.Comms;
import jaio.kernel.protocol.comm.CommsOfKernel;
import jaio.kernel.wire.Message;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The protocol layer against a fake session, through real ZeroMQ sockets. */
@Timeout(20)
class KernelProtocolTest {

    private static final Duration WAIT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private InProcessKernel k;
    private JupyterTestClient client;

    @BeforeEach
    void start() throws Exception {
        k = new InProcessKernel(dir.resolve("history.jsonl"));
        client = k.client;
    }

    @AfterEach
    void stop() throws Exception {
        k.close();
    }

    private static JsonObject execute(String code) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.add("user_expressions", new JsonObject());
        c.addProperty("allow_stdin", true);
        c.addProperty("stop_on_error", true);
        return c;
    }

    private static String state(Message status) {
        return status.content().get("execution_state").getAsString();
    }

    private static String status(Message reply) {
        return reply.content().get("status").getAsString();
    }

    @Test
    void kernelInfoIsBracketedByBusyAndIdleWithTheRequestAsParent() {
        Message request = client.send(SHELL, "kernel_info_request", new JsonObject());
        Message reply = client.reply(SHELL, request, WAIT);
        assertNotNull(reply, "no kernel_info_reply");
        assertEquals("kernel_info_reply", reply.msgType());
        assertEquals(request.header(), reply.parentHeader());
        JsonObject c = reply.content();
        assertEquals("ok", c.get("status").getAsString());
        assertEquals("5.3", c.get("protocol_version").getAsString());
        assertEquals("jaio", c.get("implementation").getAsString());
        assertEquals("fake", c.getAsJsonObject("language_info").get("name").getAsString());
        assertTrue(c.has("banner") && c.has("help_links"));

        List<Message> iopub = client.iopubUntilIdle(request, WAIT);
        assertEquals(2, iopub.size(), "exactly busy then idle: " + iopub);
        assertEquals("busy", state(iopub.get(0)));
        assertEquals("idle", state(iopub.get(1)));
        iopub.forEach(m -> assertEquals(request.header(), m.parentHeader()));
    }

    @Test
    void manyKernelInfosInARowEachGetBusyReplyIdleWithDistinctIds() {
        // kernel_info's busy goes out together with its reply (RequestHandler.answersAtOnce): every
        // request still gets busy, one reply and idle, parents right, and every message its own id.
        List<Message> requests = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            requests.add(client.send(SHELL, "kernel_info_request", new JsonObject()));
        }
        java.util.Set<String> ids = new java.util.HashSet<>();
        JsonObject firstContent = null;
        for (Message request : requests) {
            Message reply = client.reply(SHELL, request, WAIT);
            assertNotNull(reply, "no reply to " + request.msgId());
            assertEquals(request.header(), reply.parentHeader());
            if (firstContent == null) {
                firstContent = reply.content();
            }
            assertEquals(firstContent, reply.content(), "the same kernel_info every time");
            List<Message> iopub = client.iopubUntilIdle(request, WAIT);
            assertEquals(List.of("busy", "idle"), iopub.stream().map(KernelProtocolTest::state).toList());
            ids.add(reply.msgId());
            iopub.forEach(m -> ids.add(m.msgId()));
        }
        assertEquals(3 * requests.size(), ids.size(), "message ids repeat: " + ids);
    }

    @Test
    void aHistoryRequestThatFailsIsStillBracketedByBusyAndIdle() {
        JsonObject c = new JsonObject();
        c.addProperty("hist_access_type", "sideways");
        Message request = client.send(SHELL, "history_request", c);
        Message reply = client.reply(SHELL, request, WAIT);
        assertNotNull(reply);
        assertEquals("error", status(reply));
        List<Message> iopub = client.iopubUntilIdle(request, WAIT);
        assertEquals(List.of("busy", "idle"), iopub.stream().map(KernelProtocolTest::state).toList());
    }

    @Test
    void badSignatureIsDroppedAndTheNextGoodMessageIsServed() {
        Message forged = client.request("execute_request", execute("forged"));
        List<byte[]> frames = new ArrayList<>(client.codec().encode(forged));
        frames.set(1, "0".repeat(64).getBytes(StandardCharsets.US_ASCII)); // [delimiter, signature, ...]
        client.sendFrames(SHELL, frames);
        assertNull(client.reply(SHELL, forged, Duration.ofMillis(500)), "forged message got a reply");
        assertNull(client.iopub(forged, "status", Duration.ofMillis(100)), "forged message got a status");

        Message good = client.send(SHELL, "execute_request", execute("genuine"));
        Message reply = client.reply(SHELL, good, WAIT);
        assertNotNull(reply);
        assertEquals("ok", status(reply));
        assertEquals(List.of("genuine"), k.session.executed);
    }

    @Test
    void malformedFramesDoNotStopTheKernel() {
        client.sendFrames(SHELL, List.of("garbage".getBytes(StandardCharsets.UTF_8)));
        Message notJson = client.request("kernel_info_request", new JsonObject());
        List<byte[]> frames = new ArrayList<>(client.codec().encode(notJson));
        frames.set(5, "{not json".getBytes(StandardCharsets.UTF_8)); // content, signature now wrong too
        client.sendFrames(SHELL, frames);
        Message info = client.send(SHELL, "kernel_info_request", new JsonObject());
        assertNotNull(client.reply(SHELL, info, WAIT));
    }

    @Test
    void heartbeatEchoesThePing() {
        byte[] ping = "ping-42".getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(ping, client.ping(ping, WAIT));
    }

    @Test
    void requestsAreAnsweredWhileACellIsRunning() {
        Message cell = client.send(SHELL, "execute_request", execute("sleep 1500"));
        assertNotNull(client.iopub(cell, "execute_input", WAIT));

        long start = System.nanoTime();
        Message info = client.send(SHELL, "kernel_info_request", new JsonObject());
        assertNotNull(client.reply(SHELL, info, Duration.ofMillis(1000)), "kernel_info not answered mid-cell");
        JsonObject completeContent = new JsonObject();
        completeContent.addProperty("code", "foo");
        completeContent.addProperty("cursor_pos", 3);
        Message complete = client.send(SHELL, "complete_request", completeContent);
        Message completeReply = client.reply(SHELL, complete, Duration.ofMillis(1000));
        assertNotNull(completeReply, "complete not answered mid-cell");
        assertEquals("fooCompleted", completeReply.content().getAsJsonArray("matches").get(0).getAsString());
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        assertTrue(elapsedMs < 1000, "answers took " + elapsedMs + " ms");

        assertNull(client.reply(SHELL, cell, Duration.ofMillis(10)), "the cell should still be running");
        Message cellReply = client.reply(SHELL, cell, WAIT);
        assertNotNull(cellReply);
        assertEquals("ok", status(cellReply));
    }

    @Test
    void executesRunInArrivalOrderWithIncreasingCountsAndNonOverlappingBusy() {
        Message a = client.send(SHELL, "execute_request", execute("sleep 200"));
        Message b = client.send(SHELL, "execute_request", execute("second"));
        Message c = client.send(SHELL, "execute_request", execute("third"));
        Message ra = client.reply(SHELL, a, WAIT);
        Message rb = client.reply(SHELL, b, WAIT);
        Message rc = client.reply(SHELL, c, WAIT);
        assertEquals(List.of(1, 2, 3), List.of(ra, rb, rc).stream()
                .map(r -> r.content().get("execution_count").getAsInt()).toList());
        assertEquals(List.of("sleep 200", "second", "third"), k.session.executed);

        List<Message> statuses = new ArrayList<>();
        for (Message m : client.drainIopub(Duration.ofMillis(200))) {
            if (m.msgType().equals("status") && List.of(a.msgId(), b.msgId(), c.msgId()).contains(m.parentMsgId())) {
                statuses.add(m);
            }
        }
        List<String> sequence = statuses.stream().map(m -> state(m) + ":" + m.parentMsgId()).toList();
        assertEquals(List.of("busy:" + a.msgId(), "idle:" + a.msgId(), "busy:" + b.msgId(), "idle:" + b.msgId(),
                "busy:" + c.msgId(), "idle:" + c.msgId()), sequence);
    }

    @Test
    void executeOutputAndInputAreParentedToTheCell() {
        Message cell = client.send(SHELL, "execute_request", execute("hello"));
        List<Message> iopub = client.iopubUntilIdle(cell, WAIT);
        List<String> types = iopub.stream().map(Message::msgType).toList();
        assertEquals(List.of("status", "execute_input", "stream", "execute_result", "status"), types);
        assertEquals("hello", iopub.get(2).content().get("text").getAsString());
        assertEquals(1, iopub.get(3).content().get("execution_count").getAsInt());
    }

    @Test
    void anErrorAbortsTheExecutesQueuedBehindIt() {
        Message slow = client.send(SHELL, "execute_request", execute("sleep 300"));
        Message failing = client.send(SHELL, "execute_request", execute("fail"));
        Message queued1 = client.send(SHELL, "execute_request", execute("never1"));
        Message queued2 = client.send(SHELL, "execute_request", execute("never2"));

        assertEquals("ok", status(client.reply(SHELL, slow, WAIT)));
        Message error = client.reply(SHELL, failing, WAIT);
        assertEquals("error", status(error));
        assertEquals("FakeError", error.content().get("ename").getAsString());
        assertNotNull(client.iopub(failing, "error", WAIT), "error not published on iopub");
        assertEquals("aborted", status(client.reply(SHELL, queued1, WAIT)));
        assertEquals("aborted", status(client.reply(SHELL, queued2, WAIT)));
        assertEquals(List.of("sleep 300", "fail"), k.session.executed);

        Message later = client.send(SHELL, "execute_request", execute("later"));
        assertEquals("ok", status(client.reply(SHELL, later, WAIT)), "aborting must end with the queue");
    }

    @Test
    void interruptIsAnsweredOnControlWhileACellRuns() {
        Message cell = client.send(SHELL, "execute_request", execute("sleep 10000"));
        assertNotNull(client.iopub(cell, "execute_input", WAIT));
        Message interrupt = client.send(CONTROL, "interrupt_request", new JsonObject());
        Message reply = client.reply(CONTROL, interrupt, Duration.ofSeconds(1));
        assertNotNull(reply, "no interrupt_reply within 1 s");
        assertEquals("ok", status(reply));
        Message cellReply = client.reply(SHELL, cell, Duration.ofSeconds(1));
        assertNotNull(cellReply, "interrupted cell did not end");
        assertEquals("Interrupted", cellReply.content().get("ename").getAsString());
    }

    @Test
    void commOpenToAnUnknownTargetIsClosedBack() {
        JsonObject open = new JsonObject();
        open.addProperty("comm_id", "c-1");
        open.addProperty("target_name", "no.such.target");
        open.add("data", new JsonObject());
        Message request = client.send(SHELL, "comm_open", open);
        Message close = client.iopub(request, "comm_close", WAIT);
        assertNotNull(close, "no comm_close for an unknown target");
        assertEquals("c-1", close.content().get("comm_id").getAsString());

        Message info = client.send(SHELL, "comm_info_request", new JsonObject());
        assertEquals(0, client.reply(SHELL, info, WAIT).content().getAsJsonObject("comms").size());
    }

    @Test
    void commToARegisteredTargetReceivesMessagesAndIsListed() {
        k.kernel.services().comms().registerTarget("echo", (comm, data) ->
                comm.onMessage(msg -> comm.send(msg)));
        JsonObject open = new JsonObject();
        open.addProperty("comm_id", "c-2");
        open.addProperty("target_name", "echo");
        open.add("data", new JsonObject());
        client.send(SHELL, "comm_open", open);

        JsonObject msg = new JsonObject();
        msg.addProperty("comm_id", "c-2");
        JsonObject data = new JsonObject();
        data.addProperty("x", 7);
        msg.add("data", data);
        Message sent = client.send(SHELL, "comm_msg", msg);
        Message echoed = client.iopub(sent, "comm_msg", WAIT);
        assertNotNull(echoed, "comm did not answer");
        assertEquals(7, echoed.content().getAsJsonObject("data").get("x").getAsInt());

        Message info = client.send(SHELL, "comm_info_request", new JsonObject());
        JsonObject comms = client.reply(SHELL, info, WAIT).content().getAsJsonObject("comms");
        assertEquals("echo", comms.getAsJsonObject("c-2").get("target_name").getAsString());
    }

    @Test
    void inputRequestRoundTrip() {
        Message cell = client.send(SHELL, "execute_request", execute("input Name? "));
        Message inputRequest = client.await(STDIN, m -> m.msgType().equals("input_request"), WAIT);
        assertNotNull(inputRequest, "no input_request on stdin");
        assertEquals("Name? ", inputRequest.content().get("prompt").getAsString());
        assertEquals(cell.msgId(), inputRequest.parentMsgId());

        JsonObject answer = new JsonObject();
        answer.addProperty("value", "Ada");
        Message inputReply = new Message(List.of(),
                client.request("input_reply", answer).header(), inputRequest.header(), new JsonObject(), answer, List.of());
        client.send(STDIN, inputReply);

        Message stream = client.iopub(cell, "stream", WAIT);
        assertNotNull(stream);
        assertEquals("Ada", stream.content().get("text").getAsString());
        assertEquals("ok", status(client.reply(SHELL, cell, WAIT)));
    }

    @Test
    void interruptAbandonsAPendingInputRequest() {
        Message cell = client.send(SHELL, "execute_request", execute("input waiting "));
        assertNotNull(client.await(STDIN, m -> m.msgType().equals("input_request"), WAIT));
        Message interrupt = client.send(CONTROL, "interrupt_request", new JsonObject());
        assertNotNull(client.reply(CONTROL, interrupt, WAIT));
        Message reply = client.reply(SHELL, cell, WAIT);
        assertNotNull(reply, "cell waiting for input did not end on interrupt");
        assertEquals("InputError", reply.content().get("ename").getAsString());
        assertTrue(reply.content().get("evalue").getAsString().contains("InputInterruptedException"));
    }

    @Test
    void inputWithoutStdinFailsTheCell() {
        JsonObject c = execute("input x");
        c.addProperty("allow_stdin", false);
        Message cell = client.send(SHELL, "execute_request", c);
        Message reply = client.reply(SHELL, cell, WAIT);
        assertEquals("error", status(reply));
        assertNull(client.await(STDIN, m -> true, Duration.ofMillis(100)));
    }

    @Test
    void completePositionsAreCodePoints() {
        // "😀 ab": the emoji is 2 UTF-16 units but 1 code point, so the cursor after "ab" is 4.
        JsonObject c = new JsonObject();
        c.addProperty("code", "😀 ab");
        c.addProperty("cursor_pos", 4);
        Message request = client.send(SHELL, "complete_request", c);
        JsonObject reply = client.reply(SHELL, request, WAIT).content();
        assertEquals("abCompleted", reply.getAsJsonArray("matches").get(0).getAsString());
        assertEquals(2, reply.get("cursor_start").getAsInt());
        assertEquals(4, reply.get("cursor_end").getAsInt());
    }

    @Test
    void isCompleteAndInspectAreDelegated() {
        JsonObject code = new JsonObject();
        code.addProperty("code", "void f() {");
        Message isComplete = client.send(SHELL, "is_complete_request", code);
        JsonObject r = client.reply(SHELL, isComplete, WAIT).content();
        assertEquals("incomplete", r.get("status").getAsString());
        assertEquals("    ", r.get("indent").getAsString());

        JsonObject inspect = new JsonObject();
        inspect.addProperty("code", "Math.max");
        inspect.addProperty("cursor_pos", 8);
        Message request = client.send(SHELL, "inspect_request", inspect);
        JsonObject ir = client.reply(SHELL, request, WAIT).content();
        assertTrue(ir.get("found").getAsBoolean());
        assertEquals("doc of Math.max", ir.getAsJsonObject("data").get("text/plain").getAsString());
    }

    @Test
    void unknownMessageTypesGetNoReplyAndTheKernelGoesOn() {
        Message unknown = client.send(SHELL, "frobnicate_request", new JsonObject());
        assertNull(client.reply(SHELL, unknown, Duration.ofMillis(300)));
        Message info = client.send(SHELL, "kernel_info_request", new JsonObject());
        assertNotNull(client.reply(SHELL, info, WAIT));
    }

    @Test
    void shutdownRepliesEchoesRestartAndStopsTheKernel() throws Exception {
        JsonObject c = new JsonObject();
        c.addProperty("restart", true);
        Message request = client.send(CONTROL, "shutdown_request", c);
        Message reply = client.reply(CONTROL, request, WAIT);
        assertNotNull(reply);
        assertEquals("ok", status(reply));
        assertTrue(reply.content().get("restart").getAsBoolean());
        assertTrue(k.kernel.awaitTermination(Duration.ofSeconds(2)), "kernel did not stop");
        assertEquals(List.of(true), k.session.shutdowns);
        assertFalse(k.kernel.terminated().isCompletedExceptionally());
        assertTrue(k.kernel.terminated().get());
    }

    @Test
    void silentExecuteNeitherCountsNorPublishesInput() {
        JsonObject c = execute("quiet");
        c.addProperty("silent", true);
        Message cell = client.send(SHELL, "execute_request", c);
        List<String> types = client.iopubUntilIdle(cell, WAIT).stream().map(Message::msgType).toList();
        assertFalse(types.contains("execute_input"), types.toString());
        Message next = client.send(SHELL, "execute_request", execute("loud"));
        assertEquals(1, client.reply(SHELL, next, WAIT).content().get("execution_count").getAsInt());
        assertNotNull(client.iopub(next, "execute_input", WAIT));
        assertNull(client.await(IOPUB, m -> false, Duration.ZERO));
    }

    @Test
    void aPageResultOfTheSessionBecomesThePagePayloadOfTheReply() {
        Message cell = client.send(SHELL, "execute_request", execute("page the doc of x"));
        JsonObject reply = client.reply(SHELL, cell, WAIT).content();
        assertEquals("ok", reply.get("status").getAsString());
        JsonObject page = reply.getAsJsonArray("payload").get(0).getAsJsonObject();
        assertEquals("page", page.get("source").getAsString());
        assertEquals("the doc of x", page.getAsJsonObject("data").get("text/plain").getAsString());
        Message plain = client.send(SHELL, "execute_request", execute("plain"));
        assertEquals(0, client.reply(SHELL, plain, WAIT).content().getAsJsonArray("payload").size());
    }

    @Test
    void aSessionReachesCommsThroughTheContractWithPlainMaps() {
        Comms comms = new CommsOfKernel(k.kernel.services().comms());
        comms.registerTarget("map-echo", (channel, data) ->
                channel.onMessage(msg -> channel.send(Map.of("got", msg.get("x"), "from", channel.targetName()))));
        JsonObject open = new JsonObject();
        open.addProperty("comm_id", "c-9");
        open.addProperty("target_name", "map-echo");
        open.add("data", new JsonObject());
        client.send(SHELL, "comm_open", open);

        JsonObject msg = new JsonObject();
        msg.addProperty("comm_id", "c-9");
        JsonObject data = new JsonObject();
        data.addProperty("x", "seven");
        msg.add("data", data);
        Message sent = client.send(SHELL, "comm_msg", msg);
        Message echoed = client.iopub(sent, "comm_msg", WAIT);
        assertNotNull(echoed, "comm did not answer");
        assertEquals("seven", echoed.content().getAsJsonObject("data").get("got").getAsString());
        assertEquals("map-echo", echoed.content().getAsJsonObject("data").get("from").getAsString());
    }
}
