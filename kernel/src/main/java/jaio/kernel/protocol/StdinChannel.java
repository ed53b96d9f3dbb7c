package jaio.kernel.protocol;

import com.google.gson.JsonObject;
import jaio.kernel.wire.Frames;
import jaio.kernel.wire.KernelLog;
import jaio.kernel.wire.MalformedMessageException;
import jaio.kernel.wire.Message;
import jaio.kernel.wire.SocketLoop;
import jaio.kernel.wire.WireCodec;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import org.zeromq.ZMQ;

/**
 * The stdin ROUTER: input_request to the frontend that sent the running execute_request (same routing
 * identity as on shell, which is how Jupyter clients pair their shell and stdin sockets), and the
 * matching input_reply back.
 *
 * <p>The socket belongs to the shell loop, so waiting for a reply never blocks anything: requests
 * are queued and sent one at a time (a frontend shows one prompt), and each reply completes the
 * oldest request's future. Confined to the shell loop except {@link #request} and
 * {@link #interruptPending}, which hop onto it.
 */
final class StdinChannel {

    private record Pending(Message parent, String prompt, boolean password, CompletableFuture<String> result) {
    }

    private final SocketLoop loop;
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final MessageFactory messages;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();

    StdinChannel(SocketLoop loop, ZMQ.Socket socket, WireCodec codec, MessageFactory messages) {
        this.loop = loop;
        this.socket = socket;
        this.codec = codec;
        this.messages = messages;
    }

    /** Asks the frontend that sent {@code parent} for input. Thread-safe. */
    CompletableFuture<String> request(Message parent, String prompt, boolean password) {
        CompletableFuture<String> result = new CompletableFuture<>();
        Pending p = new Pending(parent, prompt, password, result);
        try {
            loop.execute(() -> {
                pending.add(p);
                if (pending.size() == 1) {
                    send(p);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new InputInterruptedException("the kernel is shutting down"));
        }
        return result;
    }

    /** Fails every waiting request (the kernel was interrupted). Thread-safe. */
    void interruptPending() {
        try {
            loop.execute(() -> {
                Pending p;
                while ((p = pending.poll()) != null) {
                    Pending failed = p;
                    // Complete off the loop: the session's continuation must not run on the shell thread.
                    CompletableFuture.runAsync(() -> failed.result().completeExceptionally(
                            new InputInterruptedException("input interrupted")));
                }
            });
        } catch (RejectedExecutionException ignored) {
            // shutting down: nothing waits any more
        }
    }

    void onReadable(ZMQ.Socket s) {
        List<byte[]> frames;
        while ((frames = Frames.receive(s)) != null) {
            Message message;
            try {
                message = codec.decode(frames);
            } catch (MalformedMessageException e) {
                KernelLog.warnLimited("stdin: dropped", "stdin: message dropped: " + e.getMessage());
                continue;
            }
            if (!message.msgType().equals("input_reply")) {
                KernelLog.warnLimited("stdin: unexpected", "stdin: unexpected " + message.msgType() + " ignored");
                continue;
            }
            Pending head = pending.poll();
            if (head == null) {
                KernelLog.warnLimited("stdin: unrequested", "stdin: input_reply with no input_request waiting ignored");
                continue;
            }
            String value = Json.string(message.content(), "value", "");
            head.result().completeAsync(() -> value);
            Pending next = pending.peek();
            if (next != null) {
                send(next);
            }
        }
    }

    private void send(Pending p) {
        JsonObject content = new JsonObject();
        content.addProperty("prompt", p.prompt());
        content.addProperty("password", p.password());
        Message request = messages.create("input_request", p.parent().header(), content)
                .withIdentities(p.parent().identities());
        Frames.send(socket, codec.encode(request));
    }
}
