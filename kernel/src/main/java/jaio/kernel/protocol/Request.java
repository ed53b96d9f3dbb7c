package jaio.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import jaio.kernel.wire.KernelLog;
import jaio.kernel.wire.Message;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One received request and its life cycle on iopub: {@code busy}, then at most one reply, then
 * {@code idle}, all with the request as parent. {@link #reply} and {@link #finish} may be called from
 * any thread; the reply and the idle status are sent from the channel's loop, in that order. A request
 * finishes exactly once: later calls are ignored and logged, so a buggy handler cannot send two replies.
 *
 * <p>The closing messages are encoded and signed first and then sent back to back, and for a handler
 * that answers at once ({@link RequestHandler#answersAtOnce}) so is {@code busy}: it is deferred
 * ({@link #deferBusy}) until the reply is built, then sent first. Each send that finds JeroMQ's I/O
 * thread asleep wakes it; sent together, the messages are usually all there when it wakes, so a
 * request costs one wake-up instead of one for busy while the reply is being built and another for
 * the reply. What a client sees is unchanged: busy, the reply, idle, in that order.
 */
public final class Request {

    private final Message message;
    private final ReplyChannel channel;
    private final Iopub iopub;
    private final MessageFactory messages;
    private final AtomicBoolean finished = new AtomicBoolean();
    /** Confined to the channel's loop: busy is owed and goes out just before this request's next message. */
    private boolean busyDeferred;

    Request(Message message, ReplyChannel channel, Iopub iopub, MessageFactory messages) {
        this.message = message;
        this.channel = channel;
        this.iopub = iopub;
        this.messages = messages;
    }

    public Message message() {
        return message;
    }

    public JsonObject content() {
        return message.content();
    }

    /** Publishes {@code status: busy} for this request. */
    public void busy() {
        iopub.status(message.header(), "busy");
    }

    /** On the channel's loop: busy goes out with the reply, or at {@link #publishDeferredBusy}. */
    void deferBusy() {
        busyDeferred = true;
    }

    /** On the channel's loop: publishes busy if it is still owed (the handler did not answer at once). */
    void publishDeferredBusy() {
        if (busyDeferred) {
            busyDeferred = false;
            busy();
        }
    }

    /** Sends {@code <type>_reply} with {@code content}, then publishes {@code idle}. */
    public void reply(JsonObject content) {
        String type = message.msgType();
        String replyType = type.endsWith("_request")
                ? type.substring(0, type.length() - "_request".length()) + "_reply"
                : type + "_reply";
        complete(messages.reply(message, replyType, content));
    }

    /** Ends a request that has no reply (comm_msg, comm_close, ignored types): publishes {@code idle} only. */
    public void finish() {
        complete(null);
    }

    /** Replies with the stage's content when it completes; an exception becomes an error reply. */
    public void replyWhenDone(CompletionStage<JsonObject> stage) {
        stage.whenComplete((content, error) -> {
            if (error != null) {
                replyError(error);
            } else {
                reply(content);
            }
        });
    }

    /** An error reply naming the exception, the shape ipykernel uses when a handler raises. */
    public void replyError(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        KernelLog.error("handler for " + message.msgType() + " failed", cause);
        reply(errorContent(cause));
    }

    static JsonObject errorContent(Throwable cause) {
        return errorContent(cause.getClass().getSimpleName(), String.valueOf(cause.getMessage()), cause.toString());
    }

    static JsonObject errorContent(String ename, String evalue, String traceback) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "error");
        content.addProperty("ename", ename);
        content.addProperty("evalue", evalue);
        JsonArray lines = new JsonArray();
        lines.add(traceback);
        content.add("traceback", lines);
        return content;
    }

    private void complete(Message reply) {
        if (!finished.compareAndSet(false, true)) {
            KernelLog.warn("second reply to " + message.msgType() + " " + message.msgId() + " dropped");
            return;
        }
        try {
            channel.loop().executeOrRun(() -> {
                List<byte[]> busy = busyDeferred ? iopub.encodeStatus(message.header(), "busy") : null;
                busyDeferred = false;
                List<byte[]> replyFrames = reply != null ? channel.encode(reply) : null;
                List<byte[]> idle = iopub.encodeStatus(message.header(), "idle");
                if (busy != null) {
                    iopub.publishEncoded(busy);
                }
                if (replyFrames != null) {
                    channel.sendEncodedNow(replyFrames);
                }
                iopub.publishEncoded(idle);
            });
        } catch (RejectedExecutionException e) {
            // The kernel is stopping and the socket is closed: nobody can receive this reply any more.
            KernelLog.debug("kernel stopping: reply to " + message.msgType() + " dropped");
        }
    }
}
