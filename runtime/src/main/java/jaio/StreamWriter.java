package jaio;

import jaio.internal.Rethrow;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The sending side of a connection (asyncio.StreamWriter). {@link #write} never blocks: it hands
 * the bytes to the transport, which buffers what the socket does not take at once; await
 * {@link #drain()} after writing so that a fast writer waits while that buffer is above its
 * high-water mark (64 KiB), as in asyncio.
 */
public final class StreamWriter {
    private Transport transport;
    private final StreamReaderProtocol protocol;
    private final StreamReader reader;
    private final Loop loop;

    StreamWriter(Transport transport, StreamReaderProtocol protocol, StreamReader reader, Loop loop) {
        this.transport = transport;
        this.protocol = protocol;
        this.reader = reader;
        this.loop = loop;
    }

    /**
     * Queues {@code data} for sending; returns at once (asyncio's {@code StreamWriter.write}). Await
     * {@link #drain()} to wait until the buffer has room.
     */
    public void write(byte[] data) {
        transport.write(data, 0, data.length);
    }

    /**
     * Queues {@code length} bytes of {@code data} from {@code offset} for sending (asyncio's {@code
     * write} of a slice).
     */
    public void write(byte[] data, int offset, int length) {
        transport.write(data, offset, length);
    }

    /** Writes the string as UTF-8 (a convenience: Python writes bytes only). */
    public void write(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Queues each buffer of {@code data} for sending, in order (asyncio's {@code
     * StreamWriter.writelines}).
     */
    public void writelines(List<byte[]> data) {
        for (byte[] d : data) {
            write(d);
        }
    }

    /** Shuts the sending side once the buffer is sent; the peer sees end of stream. */
    public void writeEof() {
        transport.writeEof();
    }

    /**
     * Whether the transport can half-close, so {@link #writeEof()} is allowed (asyncio's {@code
     * can_write_eof}).
     */
    public boolean canWriteEof() {
        return transport.canWriteEof();
    }

    /** Closes the connection once the buffered data is sent. */
    public void close() {
        transport.close();
    }

    /** Whether the stream is closed or being closed (asyncio's {@code StreamWriter.is_closing}). */
    public boolean isClosing() {
        return transport.isClosing();
    }

    /** Waits until the connection is closed (asyncio's wait_closed). */
    public Coroutine<Void> waitClosed() {
        return new Coroutine<>("StreamWriter.wait_closed", () -> protocol.closedFuture().await());
    }

    /**
     * Waits until it is appropriate to write more (asyncio's drain): returns at once unless the
     * write buffer is above the high-water mark; raises the reader's exception, or an
     * UncheckedIOException "Connection lost" if the connection is gone.
     */
    public Coroutine<Void> drain() {
        return new Coroutine<>("StreamWriter.drain", new Drain());
    }

    /** {@link #drain()}'s body: a class, not a lambda, as everything the HTTP client runs on its first batch. */
    private final class Drain implements AsyncCallable<Void> {
        @Override
        public Void call() {
            if (reader != null && reader.exception() != null) {
                throw Rethrow.unchecked(reader.exception());
            }
            if (transport.isClosing()) {
                // Let connection_lost run so drainHelper sees it (asyncio does the same sleep(0)).
                Tasks.sleep(0).await();
            }
            protocol.drainHelper();
            return null;
        }
    }

    /**
     * Upgrades the connection to TLS (asyncio's StreamWriter.start_tls, as after an HTTP CONNECT):
     * returns once the handshake is done; the reader then yields decrypted bytes.
     */
    public Coroutine<Void> startTls(javax.net.ssl.SSLContext ssl, String serverHostname) {
        return new Coroutine<>("StreamWriter.start_tls", () -> {
            if (!(transport instanceof SocketTransport plain)) {
                throw new AsyncRuntimeError("start_tls(): the connection already speaks TLS or is not a socket");
            }
            transport = Streams.startTls(loop, plain, protocol, ssl, serverHostname);
            return null;
        });
    }

    /** Sets the transport's write-buffer limits (asyncio's transport.set_write_buffer_limits). */
    public void setWriteBufferLimits(int high, int low) {
        if (high < low || low < 0) {
            throw new IllegalArgumentException("high (" + high + ") must be >= low (" + low + ") must be >= 0");
        }
        transport.setWriteBufferLimits(high, low);
    }

    /** Bytes written but not yet sent. */
    public long writeBufferSize() {
        return transport.writeBufferSize();
    }

    /** "peername" and "sockname" (InetSocketAddress) or "socket" (the SocketChannel); null otherwise. */
    public Object getExtraInfo(String name) {
        return transport.getExtraInfo(name);
    }

    Loop loop() {
        return loop;
    }

    @Override
    public String toString() {
        return "<StreamWriter transport=" + transport + (reader != null ? " reader=" + reader : "") + ">";
    }
}
