package jaio.kernel.wire;

import java.util.ArrayList;
import java.util.List;
import org.zeromq.ZMQ;

/** Sends and receives whole multipart messages on a ZeroMQ socket (ZeroMQ delivers all frames or none). */
public final class Frames {

    private Frames() {
    }

    /** The next multipart message, or null if none is waiting. Never blocks for the first frame. */
    public static List<byte[]> receive(ZMQ.Socket socket) {
        byte[] first = socket.recv(ZMQ.DONTWAIT);
        if (first == null) {
            return null;
        }
        List<byte[]> frames = new ArrayList<>();
        frames.add(first);
        // The remaining frames of a multipart message are already here: ZeroMQ queues messages atomically.
        while (socket.hasReceiveMore()) {
            frames.add(socket.recv(0));
        }
        return frames;
    }

    /** Sends all frames as one multipart message; false if ZeroMQ refused it (e.g. peer gone on a ROUTER). */
    public static boolean send(ZMQ.Socket socket, List<byte[]> frames) {
        boolean ok = true;
        for (int i = 0; i < frames.size(); i++) {
            boolean last = i == frames.size() - 1;
            ok &= socket.send(frames.get(i), last ? 0 : ZMQ.SNDMORE);
        }
        return ok;
    }
}
