package jaio;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;

/**
 * TLS over a {@link SocketTransport} with the JDK's {@link SSLEngine} (asyncio's
 * sslproto.SSLProtocol). Toward the socket it is the {@link Protocol}; toward the application it
 * is an {@link SslTransport}, handed to the application's protocol once the handshake is done.
 * Everything runs on the loop thread except the engine's delegated tasks: in the JDK they carry
 * nearly all of a handshake's crypto (the peer's key share, the certificate check, signatures,
 * Finished), pure Java that takes milliseconds per handshake, so they run on {@link SslTaskPool}
 * and the handshake resumes on the loop when they are done. asyncio runs OpenSSL in line, whose C
 * code takes a fraction of that; here a burst of handshakes uses every core and the loop keeps
 * serving meanwhile. The protocol's callbacks and every other use of the engine stay on the loop.
 *
 * <p>Invariants: {@code netIn} holds ciphertext received and not yet unwrapped (in write mode
 * between calls); application bytes written before the handshake is done wait in
 * {@code pendingWrites}, and bytes unwrapped before it wait in {@code early}; the application
 * protocol hears {@code connectionMade} at most once, and {@code connectionLost} only after it.
 * A failure is reported once: to the handshake waiter if the handshake was under way, then to the
 * application protocol. While delegated tasks run ({@code tasksRunning}) the loop does not touch
 * the engine: received bytes wait in {@code netIn}, application writes in {@code pendingWrites},
 * and a close or an abort during a handshake's tasks ends the connection without resuming it.
 */
final class SslProtocol implements Protocol {
    /** asyncio's SSL_HANDSHAKE_TIMEOUT. */
    static final double HANDSHAKE_TIMEOUT = 60.0;
    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final Loop loop;
    private final SSLEngine engine;
    private final Protocol app;
    private final String peer;
    private final Future<Void> handshakeWaiter;
    private final SslTransport appTransport;
    private final ArrayDeque<ByteBuffer> pendingWrites = new ArrayDeque<>();
    private ByteArrayOutputStream early;
    private SocketTransport transport;
    private ByteBuffer netIn;
    /** The size the loop's shared TLS buffers need for this engine (grown on overflow). */
    private int netOutSize;
    private int appInSize;
    private TimerHandle handshakeTimer;
    private boolean handshakeDone;
    private boolean appConnected;
    private boolean eofSignalled;
    private boolean closing;
    private boolean tasksRunning;
    private boolean lost;
    private Throwable failure;

    /**
     * {@code peer} ("host:port") is for messages; {@code handshakeWaiter} (may be null) completes
     * when the handshake is done and fails with the reason if it is not.
     */
    SslProtocol(Loop loop, SSLEngine engine, Protocol app, String peer, Future<Void> handshakeWaiter) {
        this.loop = loop;
        this.engine = engine;
        this.app = app;
        this.peer = peer;
        this.handshakeWaiter = handshakeWaiter;
        this.appTransport = new SslTransport(this);
        int packet = engine.getSession().getPacketBufferSize();
        this.netIn = ByteBuffer.allocate(packet);
        this.netOutSize = packet;
        this.appInSize = engine.getSession().getApplicationBufferSize();
    }

    SslTransport appTransport() {
        return appTransport;
    }

    SocketTransport socketTransport() {
        return transport;
    }

    SSLEngine engine() {
        return engine;
    }

    @Override
    public void connectionMade(Transport t) {
        transport = (SocketTransport) t;
        handshakeTimer = loop.callLater(HANDSHAKE_TIMEOUT, () -> {
            if (!handshakeDone) {
                fail(new TimeoutError("SSL handshake with " + peer + " is taking longer than " + HANDSHAKE_TIMEOUT
                        + " seconds: aborting the connection"));
            }
        });
        try {
            engine.beginHandshake();
        } catch (SSLException e) {
            fail(SSLError.of(peer, true, e));
            return;
        }
        process();
    }

    @Override
    public void dataReceived(byte[] data, int length) {
        if (netIn.remaining() < length) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(netIn.capacity() * 2, netIn.position() + length));
            netIn.flip();
            bigger.put(netIn);
            netIn = bigger;
        }
        netIn.put(data, 0, length);
        process();
    }

    /** Drives the engine as far as the received bytes allow: handshake steps, then application data. */
    private void process() {
        if (failure != null || tasksRunning) {
            return;
        }
        netIn.flip();
        try {
            while (!tasksRunning
                    && (!engine.isInboundDone() || engine.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP)) {
                SSLEngineResult.HandshakeStatus hs = engine.getHandshakeStatus();
                if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                    startDelegatedTasks();
                } else if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
                    wrapAndSend(EMPTY);
                    if (engine.isOutboundDone()) {
                        break;
                    }
                } else {
                    if (hs == SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING && !handshakeDone) {
                        handshakeFinished();
                    }
                    if (!netIn.hasRemaining() || !unwrap()) {
                        break;
                    }
                }
            }
        } catch (SSLException e) {
            fail(SSLError.of(peer, !handshakeDone, e));
            return;
        } finally {
            netIn.compact();
        }
        // A running task may close the engine (a failed certificate check): tasksDone looks then.
        if (!tasksRunning && engine.isInboundDone()) {
            inboundClosed();
        }
    }

    /** Unwraps one record; returns whether to go on (false: more bytes are needed, or the peer closed). */
    private boolean unwrap() throws SSLException {
        while (true) {
            // The loop's shared buffer: deliver() hands its bytes on before anything else can use it.
            ByteBuffer appIn = loop.ioBuffers.tlsIn(appInSize);
            SSLEngineResult r = engine.unwrap(netIn, appIn);
            switch (r.getStatus()) {
                case BUFFER_OVERFLOW -> {
                    appInSize = Math.max(appIn.capacity() * 2, engine.getSession().getApplicationBufferSize());
                    continue;
                }
                case BUFFER_UNDERFLOW -> {
                    return false;
                }
                case CLOSED -> {
                    return false;
                }
                case OK -> {
                    if (r.bytesProduced() > 0) {
                        deliver(appIn.array(), appIn.position());
                    }
                    return r.bytesConsumed() > 0 || r.bytesProduced() > 0
                            || r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK
                            || r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_WRAP;
                }
            }
        }
    }

    private void deliver(byte[] data, int length) {
        if (appConnected) {
            app.dataReceived(data, length);
        } else {
            if (early == null) {
                early = new ByteArrayOutputStream();
            }
            early.write(data, 0, length);
        }
    }

    /** Hands the engine's delegated tasks to the pool; the handshake goes on in {@link #tasksDone}. */
    private void startDelegatedTasks() {
        List<Runnable> tasks = new ArrayList<>(1);
        Runnable task;
        while ((task = engine.getDelegatedTask()) != null) {
            tasks.add(task);
        }
        if (tasks.isEmpty()) {
            return;
        }
        tasksRunning = true;
        SslTaskPool.execute(() -> {
            Throwable thrown = null;
            try {
                for (Runnable t : tasks) {
                    t.run();
                }
            } catch (RuntimeException | Error e) {
                // The JDK's tasks keep their own failures for the next wrap or unwrap; this is anything else.
                thrown = e;
            }
            Throwable why = thrown;
            try {
                loop.callSoonThreadsafe(() -> tasksDone(why));
            } catch (RuntimeException loopClosed) {
                // The loop is closed: its connections are gone, nothing is left to resume.
            }
        });
    }

    /** On the loop, once the delegated tasks ran: the handshake resumes, unless the connection ended meanwhile. */
    private void tasksDone(Throwable thrown) {
        tasksRunning = false;
        if (failure != null || lost || transport.isClosing()) {
            return;
        }
        if (thrown != null) {
            fail(SSLError.of(peer, !handshakeDone, new SSLException(thrown)));
            return;
        }
        process();
        if (handshakeDone && !tasksRunning && failure == null) {
            try {
                flushPendingWrites();
            } catch (SSLException e) {
                fail(SSLError.of(peer, false, e));
                return;
            }
            if (closing && !tasksRunning) {
                sendCloseNotifyAndClose();
            }
        }
    }

    private void flushPendingWrites() throws SSLException {
        ByteBuffer b;
        while (!tasksRunning && (b = pendingWrites.poll()) != null) {
            wrapAndSend(b);
        }
    }

    /** Wraps all of {@code src} (or one handshake or closing message when it is empty) and sends it. */
    private void wrapAndSend(ByteBuffer src) throws SSLException {
        while (true) {
            // The loop's shared buffer: transport.write sends it or copies what the socket did not take.
            ByteBuffer netOut = loop.ioBuffers.tlsOut(netOutSize);
            SSLEngineResult r = engine.wrap(src, netOut);
            if (r.getStatus() == SSLEngineResult.Status.BUFFER_OVERFLOW) {
                netOutSize = netOut.capacity() * 2;
                continue;
            }
            if (netOut.position() > 0) {
                transport.write(netOut.array(), 0, netOut.position());
            }
            if (r.getStatus() == SSLEngineResult.Status.CLOSED) {
                return;
            }
            if (r.getHandshakeStatus() == SSLEngineResult.HandshakeStatus.NEED_TASK) {
                // What is left waits until the tasks are done (tasksDone flushes it).
                if (src.hasRemaining()) {
                    pendingWrites.addFirst(copyOf(src));
                }
                startDelegatedTasks();
                return;
            }
            if (!src.hasRemaining()) {
                return;
            }
        }
    }

    private void handshakeFinished() throws SSLException {
        handshakeDone = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
        }
        appConnected = true;
        app.connectionMade(appTransport);
        if (early != null) {
            byte[] data = early.toByteArray();
            early = null;
            app.dataReceived(data, data.length);
        }
        flushPendingWrites();
        if (handshakeWaiter != null && !handshakeWaiter.done()) {
            handshakeWaiter.setResult(null);
        }
    }

    /** The peer sent close_notify: the application sees end of stream, then the connection closes. */
    private void inboundClosed() {
        if (eofSignalled) {
            return;
        }
        eofSignalled = true;
        if (!handshakeDone) {
            fail(new UncheckedIOException("Connection closed by " + peer + " during the TLS handshake",
                    new SocketException("closed during the TLS handshake")));
            return;
        }
        app.eofReceived();
        appTransport.close();
    }

    @Override
    public boolean eofReceived() {
        if (!handshakeDone) {
            fail(new UncheckedIOException("Connection closed by " + peer + " during the TLS handshake",
                    new SocketException("closed during the TLS handshake")));
            return false;
        }
        // A TCP end without close_notify: many HTTP servers do this; the application sees a plain
        // end of stream, as with asyncio (truncation shows up as a short body, not as an error).
        if (!eofSignalled) {
            eofSignalled = true;
            if (appConnected) {
                app.eofReceived();
            }
        }
        return false;
    }

    @Override
    public void connectionLost(Throwable exc) {
        lost = true;
        if (handshakeTimer != null) {
            handshakeTimer.cancel();
        }
        Throwable why = exc != null ? exc : failure;
        if (handshakeWaiter != null && !handshakeWaiter.done()) {
            handshakeWaiter.setException(why != null ? why : new UncheckedIOException(
                    "Connection lost during the TLS handshake with " + peer, new SocketException("connection lost")));
        }
        if (appConnected) {
            appConnected = false;
            app.connectionLost(why);
        }
    }

    @Override
    public void pauseWriting() {
        if (appConnected) {
            app.pauseWriting();
        }
    }

    @Override
    public void resumeWriting() {
        if (appConnected) {
            app.resumeWriting();
        }
    }

    // ---- the application side, through SslTransport ------------------------------------------

    void write(byte[] data, int offset, int length) {
        if (length == 0 || failure != null) {
            return;
        }
        if (closing) {
            throw new AsyncRuntimeError("write() on a closing TLS transport");
        }
        if (!handshakeDone || tasksRunning || !pendingWrites.isEmpty()) {
            pendingWrites.add(copyOf(ByteBuffer.wrap(data, offset, length)));
            return;
        }
        try {
            wrapAndSend(ByteBuffer.wrap(data, offset, length));
        } catch (SSLException e) {
            fail(SSLError.of(peer, false, e));
        }
    }

    boolean isClosing() {
        return closing || transport == null || transport.isClosing();
    }

    /** Sends close_notify, then closes the socket once what is buffered is sent. */
    void close() {
        if (closing) {
            return;
        }
        closing = true;
        if (tasksRunning) {
            // The engine is busy off the loop. Mid-handshake there is nothing to flush: the socket
            // just closes. After it (a post-handshake task), tasksDone flushes what waits, then closes.
            if (!handshakeDone && transport != null) {
                transport.close();
            }
            return;
        }
        sendCloseNotifyAndClose();
    }

    private void sendCloseNotifyAndClose() {
        if (failure == null && transport != null && !transport.isClosing()) {
            engine.closeOutbound();
            try {
                wrapAndSend(EMPTY);
            } catch (SSLException ignored) {
                // The peer is gone or broke the protocol: closing the socket is all that is left.
            }
            transport.close();
        }
    }

    private static ByteBuffer copyOf(ByteBuffer src) {
        byte[] copy = new byte[src.remaining()];
        src.get(copy);
        return ByteBuffer.wrap(copy);
    }

    long pendingBytes() {
        long n = 0;
        for (ByteBuffer b : pendingWrites) {
            n += b.remaining();
        }
        return n;
    }

    /** Fails the connection: the waiter (if still waiting) and then the application hear {@code exc}. */
    private void fail(Throwable exc) {
        if (failure != null) {
            return;
        }
        failure = exc;
        if (handshakeWaiter != null && !handshakeWaiter.done()) {
            handshakeWaiter.setException(exc);
        }
        if (transport != null) {
            transport.abort();
        }
    }

    String peer() {
        return peer;
    }
}
