package jaio.kernel;

import com.google.gson.JsonObject;
import jaio.kernel.wire.ConnectionInfo;
import jaio.kernel.wire.Frames;
import jaio.kernel.wire.MalformedMessageException;
import jaio.kernel.wire.Message;
import jaio.kernel.wire.MessageSigner;
import jaio.kernel.wire.WireCodec;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter client over real ZeroMQ sockets, as jupyter_client builds one: DEALER sockets
 * for shell, control and stdin (shell and stdin share one identity, which is how the kernel routes
 * input requests), SUB for iopub, REQ for heartbeat. Every wait is bounded; messages received while
 * waiting for another one are kept and searched by later calls.
 */
public final class JupyterTestClient implements AutoCloseable {

    public enum Channel { SHELL, CONTROL, STDIN, IOPUB }

    private final ZContext context = new ZContext(1);
    private final WireCodec codec;
    private final String session = UUID.randomUUID().toString();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket stdin;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket heartbeat;
    private final List<Message> shellBacklog = new ArrayList<>();
    private final List<Message> controlBacklog = new ArrayList<>();
    private final List<Message> stdinBacklog = new ArrayList<>();
    private final List<Message> iopubBacklog = new ArrayList<>();

    public JupyterTestClient(ConnectionInfo info) {
        codec = new WireCodec(MessageSigner.of(info.signatureScheme(), info.key()));
        byte[] identity = session.getBytes(StandardCharsets.UTF_8);
        shell = connect(SocketType.DEALER, info.endpoint(info.shellPort()), identity);
        control = connect(SocketType.DEALER, info.endpoint(info.controlPort()), null);
        stdin = connect(SocketType.DEALER, info.endpoint(info.stdinPort()), identity);
        iopub = connect(SocketType.SUB, info.endpoint(info.iopubPort()), null);
        iopub.subscribe(new byte[0]);
        heartbeat = connect(SocketType.REQ, info.endpoint(info.hbPort()), null);
    }

    /** A connection on 127.0.0.1 with five free ports and the given key. */
    public static ConnectionInfo freeConnection(String key) throws IOException {
        int[] ports = new int[5];
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < ports.length; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
        return new ConnectionInfo("tcp", "127.0.0.1", ports[0], ports[1], ports[2], ports[3], ports[4],
                key, "hmac-sha256", "jaio");
    }

    private ZMQ.Socket connect(SocketType type, String endpoint, byte[] identity) {
        ZMQ.Socket s = context.createSocket(type);
        s.setLinger(0);
        if (identity != null) {
            s.setIdentity(identity);
        }
        s.connect(endpoint);
        return s;
    }

    public WireCodec codec() {
        return codec;
    }

    /** A request from this client's session, not yet sent. */
    public Message request(String msgType, JsonObject content) {
        return Message.create(session, "test", msgType, new JsonObject(), content);
    }

    public Message send(Channel channel, String msgType, JsonObject content) {
        Message m = request(msgType, content);
        send(channel, m);
        return m;
    }

    public void send(Channel channel, Message message) {
        sendFrames(channel, codec.encode(message));
    }

    public void sendFrames(Channel channel, List<byte[]> frames) {
        Frames.send(socket(channel), frames);
    }

    /** The first message on {@code channel} matching {@code filter}, or null after {@code timeout}. */
    public Message await(Channel channel, Predicate<Message> filter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<Message> backlog = backlog(channel);
        while (true) {
            for (Iterator<Message> it = backlog.iterator(); it.hasNext();) {
                Message m = it.next();
                if (filter.test(m)) {
                    it.remove();
                    return m;
                }
            }
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                return null;
            }
            Message received = receive(socket(channel), (int) Math.max(1, left));
            if (received != null) {
                backlog.add(received);
            }
        }
    }

    /** The reply to {@code request} on {@code channel}, or null after {@code timeout}. */
    public Message reply(Channel channel, Message request, Duration timeout) {
        return await(channel, m -> m.parentMsgId().equals(request.msgId()), timeout);
    }

    /** The iopub message of {@code type} whose parent is {@code request}, or null after {@code timeout}. */
    public Message iopub(Message request, String type, Duration timeout) {
        return await(Channel.IOPUB, m -> m.parentMsgId().equals(request.msgId()) && m.msgType().equals(type), timeout);
    }

    /**
     * All iopub messages whose parent is {@code request}, up to and including its {@code idle} status,
     * in arrival order; fails if idle does not come within {@code timeout}.
     */
    public List<Message> iopubUntilIdle(Message request, Duration timeout) {
        List<Message> result = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Message m = await(Channel.IOPUB, x -> x.parentMsgId().equals(request.msgId()), Duration.ofNanos(Math.max(0, left)));
            if (m == null) {
                throw new AssertionError("no idle for " + request.msgType() + " within " + timeout + "; got " + result);
            }
            result.add(m);
            if (m.msgType().equals("status") && m.content().get("execution_state").getAsString().equals("idle")) {
                return result;
            }
        }
    }

    /** All iopub messages received so far or within {@code wait}, removed from the backlog. */
    public List<Message> drainIopub(Duration wait) {
        await(Channel.IOPUB, m -> false, wait);
        List<Message> all = new ArrayList<>(iopubBacklog);
        iopubBacklog.clear();
        return all;
    }

    /**
     * Waits until the kernel answers kernel_info and this client's iopub subscription is live (a SUB
     * socket misses what is published before its subscription reaches the publisher), like
     * jupyter_client's wait_for_ready.
     */
    public void waitForReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Message info = send(Channel.SHELL, "kernel_info_request", new JsonObject());
            if (reply(Channel.SHELL, info, Duration.ofMillis(500)) != null
                    && await(Channel.IOPUB, m -> m.parentMsgId().equals(info.msgId()) && m.msgType().equals("status")
                            && m.content().get("execution_state").getAsString().equals("idle"),
                            Duration.ofMillis(300)) != null) {
                // The idle is the last iopub message of that request: nothing of it can arrive later.
                iopubBacklog.clear();
                return;
            }
        }
        throw new AssertionError("kernel not ready within " + timeout);
    }

    /** Sends a heartbeat ping and returns the echo, or null after {@code timeout}. */
    public byte[] ping(byte[] payload, Duration timeout) {
        heartbeat.send(payload, 0);
        heartbeat.setReceiveTimeOut((int) timeout.toMillis());
        return heartbeat.recv(0);
    }

    private Message receive(ZMQ.Socket socket, int timeoutMs) {
        socket.setReceiveTimeOut(timeoutMs);
        byte[] first = socket.recv(0);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        try {
            return codec.decode(frames);
        } catch (MalformedMessageException e) {
            throw new AssertionError("kernel sent a malformed message: " + e.getMessage(), e);
        }
    }

    private ZMQ.Socket socket(Channel channel) {
        return switch (channel) {
            case SHELL -> shell;
            case CONTROL -> control;
            case STDIN -> stdin;
            case IOPUB -> iopub;
        };
    }

    private List<Message> backlog(Channel channel) {
        return switch (channel) {
            case SHELL -> shellBacklog;
            case CONTROL -> controlBacklog;
            case STDIN -> stdinBacklog;
            case IOPUB -> iopubBacklog;
        };
    }

    @Override
    public void close() {
        context.close();
    }
}
