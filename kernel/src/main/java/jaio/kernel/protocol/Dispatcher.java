package jaio.kernel.protocol;

import jaio.kernel.wire.KernelLog;
import java.util.HashMap;
import java.util.Map;

/**
 * Routes requests to the one handler registered for their msg_type. Unknown types are logged and get
 * no reply, as in ipykernel (which also brackets them with busy/idle, so this does too).
 */
final class Dispatcher {

    private final String channel;
    private final Map<String, RequestHandler> handlers = new HashMap<>();

    Dispatcher(String channel) {
        this.channel = channel;
    }

    Dispatcher on(String msgType, RequestHandler handler) {
        handlers.put(msgType, handler);
        return this;
    }

    void dispatch(Request request) {
        String type = request.message().msgType();
        RequestHandler handler = handlers.get(type);
        if (handler == null) {
            KernelLog.warnLimited(channel + ": unknown type", channel + ": unknown message type \"" + type + "\" ignored");
            request.busy();
            request.finish();
            return;
        }
        if (handler.answersAtOnce()) {
            request.deferBusy();
        } else if (!handler.announcesBusyItself()) {
            request.busy();
        }
        try {
            handler.handle(request);
        } catch (RuntimeException e) {
            request.replyError(e);
        }
        request.publishDeferredBusy();
    }
}
