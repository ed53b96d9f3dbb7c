package jaio.kernel.wire;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The iopub PUB socket, shared by every thread that publishes (shell, control, and cells whose tasks
 * print after the cell ended).
 *
 * <p>Publishing is a short, non-blocking send (PUB drops at the high-water mark rather than wait), so
 * a lock serializes the threads instead of a hop through another loop; the lock also gives the
 * happens-before edges a ZeroMQ socket needs when more than one thread uses it. A virtual thread (a
 * cell's task showing a value) only encodes and queues its message in {@code pending}, and the
 * {@link PlatformHandoff} thread sends it (see there why).
 *
 * <p>Invariants: {@code pending} is drained only under the lock, before anything else is sent, so a
 * message published after another (in happens-before order, on any threads) is sent after it; and
 * messages published by one thread keep their order.
 */
public final class IopubPublisher {

    private final ZContext context;
    private final ZMQ.Socket socket;
    private final WireCodec codec;
    private final ConcurrentLinkedQueue<List<byte[]>> pending = new ConcurrentLinkedQueue<>();
    private boolean closed;

    public IopubPublisher(ZContext context, ZMQ.Socket socket, WireCodec codec) {
        this.context = context;
        this.socket = socket;
        this.codec = codec;
    }

    /** Publishes {@code message} with topic {@code kernel.<msg_type>} (clients subscribe to everything). */
    public void publish(Message message) {
        publishEncoded(encode(message));
    }

    /** The frames {@link #publish} would send: to encode messages first and send them back to back. */
    public List<byte[]> encode(Message message) {
        byte[] topic = ("kernel." + message.msgType()).getBytes(StandardCharsets.UTF_8);
        return codec.encode(message.withIdentities(List.of(topic)));
    }

    /** Publishes frames made by {@link #encode}. */
    public void publishEncoded(List<byte[]> frames) {
        if (PlatformHandoff.shouldHandOff()) {
            pending.add(frames);
            PlatformHandoff.INSTANCE.execute(this::sendPending);
            return;
        }
        synchronized (this) {
            sendPendingLocked();
            send(frames);
        }
    }

    private synchronized void sendPending() {
        sendPendingLocked();
    }

    private void sendPendingLocked() {
        List<byte[]> frames;
        while ((frames = pending.poll()) != null) {
            send(frames);
        }
    }

    private void send(List<byte[]> frames) {
        if (closed) {
            KernelLog.debug("iopub closed, dropped a message");
            return;
        }
        Frames.send(socket, frames);
    }

    public synchronized void close() {
        if (!closed) {
            closed = true;
            context.destroySocket(socket);
        }
    }
}
