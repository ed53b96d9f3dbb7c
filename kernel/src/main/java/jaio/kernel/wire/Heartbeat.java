package jaio.kernel.wire;

import java.util.List;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Echoes every heartbeat ping on its own loop, so a frontend sees the kernel alive even while the
 * shell thread is busy.
 */
public final class Heartbeat {

    private final SocketLoop loop;

    public Heartbeat(ZContext context, ZMQ.Socket socket) {
        loop = new SocketLoop("jaio-heartbeat", context);
        loop.register(socket, Heartbeat::echo);
    }

    private static void echo(ZMQ.Socket socket) {
        List<byte[]> ping;
        while ((ping = Frames.receive(socket)) != null) {
            Frames.send(socket, ping);
        }
    }

    public SocketLoop loop() {
        return loop;
    }
}
