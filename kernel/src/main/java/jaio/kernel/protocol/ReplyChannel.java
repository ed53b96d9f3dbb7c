package jaio.kernel.protocol;

import jaio.kernel.wire.Frames;
import jaio.kernel.wire.Message;
import jaio.kernel.wire.SocketLoop;
import jaio.kernel.wire.WireCodec;
import java.util.List;
import org.zeromq.ZMQ;

/** A ROUTER socket (shell or control) and the loop that owns it: the way back to a requester. */
final class ReplyChannel {

    private final String name;
    private final SocketLoop loop;
    private final ZMQ.Socket socket;
    private final WireCodec codec;

    ReplyChannel(String name, SocketLoop loop, ZMQ.Socket socket, WireCodec codec) {
        this.name = name;
        this.loop = loop;
        this.socket = socket;
        this.codec = codec;
    }

    String name() {
        return name;
    }

    SocketLoop loop() {
        return loop;
    }

    /** Sends on the socket; must run on the owning loop. */
    void sendNow(Message message) {
        sendEncodedNow(encode(message));
    }

    /** The frames of {@code message}, signed: to encode several messages first and send them back to back. */
    List<byte[]> encode(Message message) {
        return codec.encode(message);
    }

    /** Sends frames made by {@link #encode}; must run on the owning loop. */
    void sendEncodedNow(List<byte[]> frames) {
        if (!loop.inLoop()) {
            throw new IllegalStateException(name + " socket used off its loop thread");
        }
        Frames.send(socket, frames);
    }
}
