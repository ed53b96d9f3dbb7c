package jaio.kernel.protocol;

import jaio.kernel.wire.BadSignatureException;
import jaio.kernel.wire.Frames;
import jaio.kernel.wire.KernelLog;
import jaio.kernel.wire.MalformedMessageException;
import jaio.kernel.wire.Message;
import jaio.kernel.wire.WireCodec;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * Reads requests from a ROUTER socket (shell or control) and dispatches them. Frames that fail to
 * decode, including a bad signature, are logged to stderr and dropped: they never reach a handler.
 */
final class RequestServer {

    private final ReplyChannel channel;
    private final WireCodec codec;
    private final Dispatcher dispatcher;
    private final Iopub iopub;
    private final MessageFactory messages;

    RequestServer(ReplyChannel channel, WireCodec codec, Dispatcher dispatcher, Iopub iopub, MessageFactory messages) {
        this.channel = channel;
        this.codec = codec;
        this.dispatcher = dispatcher;
        this.iopub = iopub;
        this.messages = messages;
    }

    /** Dispatches every message waiting on the socket; runs on the channel's loop. */
    void onReadable(ZMQ.Socket socket) {
        List<byte[]> frames;
        while ((frames = Frames.receive(socket)) != null) {
            Message message;
            try {
                message = codec.decode(frames);
            } catch (BadSignatureException e) {
                KernelLog.warn(channel.name() + ": message with a bad signature dropped");
                continue;
            } catch (MalformedMessageException e) {
                KernelLog.warn(channel.name() + ": malformed message dropped: " + e.getMessage());
                continue;
            }
            KernelLog.debug(channel.name() + " <- " + message);
            dispatcher.dispatch(new Request(message, channel, iopub, messages));
        }
    }
}
