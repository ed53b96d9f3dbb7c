package jaio.kernel.protocol;

import jaio.kernel.wire.BadSignatureException;
import jaio.kernel.wire.Frames;
import jaio.kernel.wire.KernelLog;
import jaio.kernel.wire.MalformedMessageException;
import jaio.kernel.wire.Message;
import jaio.kernel.wire.ReplayedMessageException;
import jaio.kernel.wire.WireCodec;
import java.util.List;
import org.zeromq.ZMQ;

/**
 * Reads requests from a ROUTER socket (shell or control) and dispatches them. Frames that fail to
 * decode (a bad signature, a replay, malformed JSON) never reach a handler: they are logged to the
 * kernel's stderr within a budget ({@link KernelLog#warnLimited}), and a signed request with a sound
 * header but malformed parts gets an error reply.
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
                KernelLog.warnLimited(channel.name() + ": bad signature", channel.name() + ": message with a bad signature dropped");
                continue;
            } catch (ReplayedMessageException e) {
                KernelLog.warnLimited(channel.name() + ": replay", channel.name() + ": replayed message dropped");
                continue;
            } catch (MalformedMessageException e) {
                KernelLog.warnLimited(channel.name() + ": malformed", channel.name() + ": malformed message dropped: " + e.getMessage());
                if (e.answerable() != null) {
                    answerInvalid(e.answerable(), e.getMessage());
                }
                continue;
            }
            if (KernelLog.debugEnabled()) { // the message's text is JSON encoded again: only when asked for
                KernelLog.debug(channel.name() + " <- " + message);
            }
            dispatcher.dispatch(new Request(message, channel, iopub, messages));
        }
    }

    /**
     * An authentic request that is not well-formed gets an error reply and nothing else: the sender
     * learns why, and no handler sees it.
     */
    private void answerInvalid(Message header, String why) {
        Request request = new Request(header, channel, iopub, messages);
        request.busy();
        request.reply(Request.errorContent("InvalidMessage", why, "InvalidMessage: " + why + " (the request was not run)"));
    }
}
