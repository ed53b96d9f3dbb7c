package jaio.kernel.wire;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The kernel's five sockets, bound exactly to the endpoints of the connection file: shell, control
 * and stdin ROUTER, iopub PUB, heartbeat REP. Each socket is then handed to the one thread that owns
 * it; this class only creates and binds them.
 */
public final class KernelSockets {

    /** How long closing waits to flush messages still queued (a shutdown_reply, the last idle). */
    private static final int LINGER_MS = 1000;

    private final ZContext context;
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket stdin;
    private final ZMQ.Socket iopub;
    private final ZMQ.Socket heartbeat;

    private KernelSockets(ConnectionInfo info) {
        context = new ZContext(1);
        context.setLinger(LINGER_MS);
        try {
            shell = bind(info, SocketType.ROUTER, info.shellPort(), "shell");
            control = bind(info, SocketType.ROUTER, info.controlPort(), "control");
            stdin = bind(info, SocketType.ROUTER, info.stdinPort(), "stdin");
            iopub = bind(info, SocketType.PUB, info.iopubPort(), "iopub");
            heartbeat = bind(info, SocketType.REP, info.hbPort(), "hb");
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
    }

    /** Creates and binds all five sockets; a port that is taken fails with the endpoint in the message. */
    public static KernelSockets bind(ConnectionInfo info) {
        return new KernelSockets(info);
    }

    private ZMQ.Socket bind(ConnectionInfo info, SocketType type, int port, String channel) {
        ZMQ.Socket socket = context.createSocket(type);
        socket.setLinger(LINGER_MS);
        if (info.ip().contains(":")) {
            socket.setIPv6(true);
        }
        String endpoint = info.endpoint(port);
        try {
            if (!socket.bind(endpoint)) {
                throw new IllegalStateException("cannot bind " + channel + " socket to " + endpoint);
            }
        } catch (org.zeromq.ZMQException e) {
            throw new IllegalStateException("cannot bind " + channel + " socket to " + endpoint
                    + " (is the port in use?): " + e.getMessage(), e);
        }
        return socket;
    }

    public ZContext context() {
        return context;
    }

    public ZMQ.Socket shell() {
        return shell;
    }

    public ZMQ.Socket control() {
        return control;
    }

    public ZMQ.Socket stdin() {
        return stdin;
    }

    public ZMQ.Socket iopub() {
        return iopub;
    }

    public ZMQ.Socket heartbeat() {
        return heartbeat;
    }

    /** Closes whatever sockets the owners have not closed yet and terminates the context. */
    public void close() {
        context.close();
    }
}
