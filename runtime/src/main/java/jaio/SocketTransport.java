package jaio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;

/**
 * A connected socket driven by the loop (asyncio's {@code _SelectorSocketTransport}): while reading
 * is not paused a reader stays registered and every read goes to {@link Protocol#dataReceived};
 * {@link #write} sends at once what the socket takes and buffers the rest behind a writer.
 *
 * <p>Flow control is asyncio's: when the write buffer goes above the high-water mark (64 KiB) the
 * protocol is paused, and resumed when it drains to the low-water mark (16 KiB), which is what
 * makes {@code StreamWriter.drain()} block a fast writer. Loop thread only.
 */
final class SocketTransport implements Transport {
    static final int DEFAULT_HIGH_WATER = 64 * 1024;
    /** At most this much per socket read: asyncio's max_size (256 KiB), so a response of 100 KB mostly comes in one event. */
    private static final int READ_SIZE = 256 * 1024;

    private final Loop loop;
    private final SocketChannel channel;
    private Protocol protocol;
    private final ArrayDeque<ByteBuffer> buffer = new ArrayDeque<>();
    private long bufferSize;
    private int highWater = DEFAULT_HIGH_WATER;
    private int lowWater = DEFAULT_HIGH_WATER / 4;
    private boolean protocolPaused;
    private boolean readingPaused;
    private boolean closing;
    private boolean eof;
    private boolean connectionLost;
    /** What the loop runs when the socket is readable: one object per transport, and a class rather than a method reference. */
    private final Runnable readCallback = new ReadCallback();

    SocketTransport(Loop loop, SocketChannel channel, Protocol protocol) {
        this.loop = loop;
        this.channel = channel;
        this.protocol = protocol;
        try {
            // asyncio sets TCP_NODELAY on every stream socket: small writes are not delayed.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not a TCP socket: nothing to tune.
        }
    }

    @Override
    public boolean canWriteEof() {
        return true;
    }

    /** Tells the protocol it is connected and starts reading. */
    void start() {
        protocol.connectionMade(this);
        startReading();
    }

    /** Starts reading without telling the protocol (start_tls tells the TLS layer instead). */
    void startReading() {
        loop.addReader(channel, readCallback);
    }

    /** Hands the connection to another protocol (asyncio's set_protocol), as start_tls does. */
    void setProtocol(Protocol p) {
        this.protocol = p;
    }

    SocketChannel channel() {
        return channel;
    }

    Loop loop() {
        return loop;
    }

    @Override
    public boolean isClosing() {
        return closing;
    }

    @Override
    public boolean isReading() {
        return !readingPaused && !closing;
    }

    @Override
    public void pauseReading() {
        if (closing || readingPaused) {
            return;
        }
        readingPaused = true;
        loop.removeReader(channel);
    }

    @Override
    public void resumeReading() {
        if (closing || !readingPaused) {
            return;
        }
        readingPaused = false;
        loop.addReader(channel, readCallback);
    }

    @Override
    public long writeBufferSize() {
        return bufferSize;
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        this.highWater = high;
        this.lowWater = low;
        maybePauseProtocol();
    }

    private final class ReadCallback implements Runnable {
        @Override
        public void run() {
            readReady();
        }
    }

    private void readReady() {
        if (connectionLost) {
            return;
        }
        ByteBuffer readBuffer = loop.ioBuffers.socketRead(READ_SIZE);
        int n;
        try {
            n = channel.read(readBuffer);
        } catch (IOException e) {
            fatalError(e);
            return;
        }
        if (n > 0) {
            protocol.dataReceived(readBuffer.array(), n);
        } else if (n < 0) {
            loop.removeReader(channel);
            readingPaused = true;
            if (!protocol.eofReceived()) {
                close();
            }
        }
    }

    /** Sends {@code data}: at once if nothing is buffered, the rest when the socket is writable. */
    @Override
    public void write(byte[] data, int offset, int length) {
        if (eof) {
            throw new AsyncRuntimeError("Cannot call write() after write_eof()");
        }
        if (length == 0 || connectionLost) {
            return;
        }
        ByteBuffer buf = ByteBuffer.wrap(data, offset, length);
        if (buffer.isEmpty()) {
            try {
                channel.write(buf);
            } catch (IOException e) {
                fatalError(e);
                return;
            }
            if (!buf.hasRemaining()) {
                return;
            }
            loop.addWriter(channel, this::writeReady);
        }
        // Copy: the caller may reuse its array once write returns, as with Python's bytes.
        ByteBuffer copy = ByteBuffer.allocate(buf.remaining());
        copy.put(buf).flip();
        buffer.add(copy);
        bufferSize += copy.remaining();
        maybePauseProtocol();
    }

    private void writeReady() {
        if (connectionLost) {
            return;
        }
        try {
            while (!buffer.isEmpty()) {
                ByteBuffer head = buffer.peek();
                int n = channel.write(head);
                bufferSize -= n;
                if (head.hasRemaining()) {
                    break;
                }
                buffer.poll();
            }
        } catch (IOException e) {
            loop.removeWriter(channel);
            buffer.clear();
            bufferSize = 0;
            fatalError(e);
            return;
        }
        maybeResumeProtocol();
        if (buffer.isEmpty()) {
            loop.removeWriter(channel);
            if (closing) {
                callConnectionLost(null);
            } else if (eof) {
                shutdownOutput();
            }
        }
    }

    @Override
    public void writeEof() {
        if (closing || eof) {
            return;
        }
        eof = true;
        if (buffer.isEmpty()) {
            shutdownOutput();
        }
    }

    private void shutdownOutput() {
        try {
            channel.shutdownOutput();
        } catch (IOException e) {
            fatalError(e);
        }
    }

    private void maybePauseProtocol() {
        if (bufferSize > highWater && !protocolPaused) {
            protocolPaused = true;
            protocol.pauseWriting();
        }
    }

    private void maybeResumeProtocol() {
        if (protocolPaused && bufferSize <= lowWater) {
            protocolPaused = false;
            protocol.resumeWriting();
        }
    }

    /** Closes after the buffered data is sent; the protocol hears connectionLost(null). */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        loop.removeReader(channel);
        if (buffer.isEmpty()) {
            loop.callSoon(() -> callConnectionLost(null));
        }
    }

    /** Closes at once, dropping buffered data. */
    @Override
    public void abort() {
        forceClose(null);
    }

    private void fatalError(IOException e) {
        forceClose(new UncheckedIOException(e.getMessage() == null ? e.toString() : e.getMessage(), e));
    }

    private void forceClose(Throwable exc) {
        if (connectionLost) {
            return;
        }
        if (!buffer.isEmpty()) {
            buffer.clear();
            bufferSize = 0;
            loop.removeWriter(channel);
        }
        if (!closing) {
            closing = true;
            loop.removeReader(channel);
        }
        loop.callSoon(() -> callConnectionLost(exc));
    }

    private void callConnectionLost(Throwable exc) {
        if (connectionLost) {
            return;
        }
        connectionLost = true;
        loop.removeReader(channel);
        loop.removeWriter(channel);
        try {
            protocol.connectionLost(exc);
        } finally {
            try {
                channel.close();
            } catch (IOException ignored) {
                // Already gone: the peer reset it; nothing is left to release.
            }
        }
    }

    /** asyncio's get_extra_info: "peername", "sockname" (InetSocketAddress) or "socket" (the channel). */
    @Override
    public Object getExtraInfo(String name) {
        try {
            return switch (name) {
                case "peername" -> channel.getRemoteAddress();
                case "sockname" -> channel.getLocalAddress();
                case "socket" -> channel;
                default -> null;
            };
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "<SocketTransport " + (closing ? "closing " : "") + getExtraInfo("peername") + ">";
    }
}
