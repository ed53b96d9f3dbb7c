package jaio.kernel;

import com.google.gson.JsonObject;
import jaio.kernel.protocol.Kernel;
import jaio.kernel.protocol.history.HistoryStore;
import jaio.kernel.session.JavaSession;
import jaio.kernel.wire.ConnectionInfo;
import jaio.kernel.wire.Frames;
import jaio.kernel.wire.Message;
import jaio.kernel.wire.MessageSigner;
import jaio.kernel.wire.WireCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The training run for the JDK's AOT cache ({@code install.sh}: {@code -XX:AOTCacheOutput}): starts a
 * real kernel on free local ports and drives it over ZeroMQ the way a frontend does (kernel_info,
 * the kind of cells a user starts with, completion, inspection), so that the classes of the wire
 * layer, the protocol and the session (JShell, javac, the loop) are loaded, linked and profiled from
 * the cache on the next starts.
 */
final class AotTraining {
    private static final Duration REPLY_WAIT = Duration.ofSeconds(60);
    private static final ZContext POLLER_CONTEXT = new ZContext();

    private AotTraining() {}

    static int run() {
        List<String> cells = List.of(
                "1+1",
                "System.out.println(\"hello\");",
                "int x = 6 * 7;",
                "var t = createTask(sleep(0.01, \"done\"));",
                "await t",
                "String greet(String who) { return \"hi \" + who; }",
                "greet(\"jaio\")",
                "display(\"<b>x</b>\", \"text/html\");",
                "throw new RuntimeException(\"boom\");",
                "int y = ;",
                // A first download batch is what a notebook user sees first: train the client, TLS and the test server.
                "var web = LocalHttpServer.startHttps(); var plainWeb = LocalHttpServer.start();",
                "var session = new ClientSession().ssl(web.clientSslContext());",
                "await gather(java.util.stream.IntStream.range(0, 20).mapToObj(i -> async(() -> {"
                        + " try (var r = await(session.get((i % 2 == 0 ? web : plainWeb).url(\"/bytes/20000\" + (i % 4 < 2 ? \"\" : \"?gzip=1\"))))) {"
                        + " return await(r.read()).length; } })).toList())",
                "session.close(); web.close(); plainWeb.close();");
        try {
            ConnectionInfo info = freeConnection();
            Kernel kernel = Kernel.builder(info).session(JavaSession::open).history(HistoryStore.none()).start();
            try (ZContext context = new ZContext()) {
                ZMQ.Socket shell = context.createSocket(SocketType.DEALER);
                shell.setLinger(0);
                shell.setReceiveTimeOut((int) REPLY_WAIT.toMillis());
                shell.connect(info.endpoint(info.shellPort()));
                WireCodec codec = new WireCodec(MessageSigner.of(info.signatureScheme(), info.key()));
                String session = UUID.randomUUID().toString();
                for (int i = 0; i < 300; i++) {
                    request(shell, codec, session, "kernel_info_request", new JsonObject());
                }
                for (int round = 0; round < 3; round++) {
                    for (String cell : cells) {
                        JsonObject c = new JsonObject();
                        c.addProperty("code", cell);
                        c.addProperty("silent", false);
                        c.addProperty("stop_on_error", false);
                        request(shell, codec, session, "execute_request", c);
                    }
                }
                for (int i = 0; i < 50; i++) {
                    JsonObject c = new JsonObject();
                    c.addProperty("code", "System.out.printl");
                    c.addProperty("cursor_pos", 17);
                    request(shell, codec, session, "complete_request", c);
                }
                JsonObject inspect = new JsonObject();
                inspect.addProperty("code", "Math.max");
                inspect.addProperty("cursor_pos", 8);
                request(shell, codec, session, "inspect_request", inspect);
                JsonObject isComplete = new JsonObject();
                isComplete.addProperty("code", "void f() {");
                request(shell, codec, session, "is_complete_request", isComplete);
            }
            kernel.stop(false);
            kernel.awaitTermination(Duration.ofSeconds(10));
            return 0;
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }

    /** Sends one request on the shell socket and waits for its reply. */
    private static void request(ZMQ.Socket shell, WireCodec codec, String session, String type, JsonObject content)
            throws Exception {
        Message request = Message.create(session, "aot-training", type, new JsonObject(), content);
        Frames.send(shell, codec.encode(request));
        String id = request.header().get("msg_id").getAsString();
        while (true) {
            List<byte[]> frames = Frames.receive(shell);
            if (frames == null) {
                // Frames.receive never blocks: wait for the socket to become readable.
                try (ZMQ.Poller poller = POLLER_CONTEXT.createPoller(1)) {
                    poller.register(shell, ZMQ.Poller.POLLIN);
                    if (poller.poll(REPLY_WAIT.toMillis()) <= 0) {
                        throw new IOException("no reply to " + type + " within " + REPLY_WAIT);
                    }
                }
                continue;
            }
            Message reply = codec.decode(frames);
            if (reply.parentHeader().has("msg_id") && reply.parentHeader().get("msg_id").getAsString().equals(id)) {
                return;
            }
        }
    }

    private static ConnectionInfo freeConnection() throws IOException {
        int[] ports = new int[5];
        ServerSocket[] held = new ServerSocket[5];
        try {
            for (int i = 0; i < 5; i++) {
                held[i] = new ServerSocket(0);
                ports[i] = held[i].getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                if (s != null) {
                    s.close();
                }
            }
        }
        return new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4],
                UUID.randomUUID().toString(), "hmac-sha256", "jaio");
    }
}
