package jaio.http;

import jaio.Async;
import jaio.AsyncCallable;
import jaio.Coroutine;
import jaio.IncompleteReadError;
import jaio.StreamReader;
import jaio.internal.SharedSecrets;
import jaio.internal.StreamAccess;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The body of an HTTP response as it arrives (aiohttp's {@code response.content}): decodes
 * Content-Length, chunked and read-until-close framing from the connection's
 * {@link StreamReader}. When the body is complete the connection goes back to the session's pool.
 *
 * <p>If the connection ends before the body does, reads raise {@link IncompleteReadError} with the
 * bytes that arrived and the length expected (null for chunked bodies).
 */
public final class ResponseContent {
    enum Framing { LENGTH, CHUNKED, UNTIL_CLOSE, EMPTY }

    private final StreamReader in;
    private final Framing framing;
    private final Runnable onComplete;
    private final ReadGuard guard;
    private final Long contentLength;
    private final ContentDecoder decoder;
    /** Decoded bytes not yet returned (a compressed read can decode to more than was asked for). */
    private byte[] decoded;
    private int decodedOffset;
    private long remaining;
    private long chunkRemaining;
    private long received;
    private boolean done;

    /**
     * Applies the session's read timeouts to each read from the socket that has to wait. A read
     * the buffered bytes already satisfy runs at once, with no timer and no coroutine object: it
     * cannot time out, and most lines of a response head and many body reads are such reads.
     */
    interface ReadGuard {
        /** Runs {@code read} under the timeouts. */
        <T> T call(AsyncCallable<T> read);

        /** Awaits {@code read} under the timeouts. */
        default <T> T read(Coroutine<T> read) {
            return call(new Await<>(read));
        }

        /** {@code in.readline()}. */
        default byte[] readline(StreamReader in) {
            byte[] line = STREAMS.bufferedLine(in);
            return line != null ? line : read(in.readline());
        }

        /** {@code in.read(n)}. */
        default byte[] read(StreamReader in, int n) {
            return STREAMS.readable(in) ? STREAMS.read(in, n) : call(new Read(in, n));
        }

        /** Up to {@code length} bytes into {@code dst}, as {@code in.read(length)} would return them; 0 at the end. */
        default int readInto(StreamReader in, byte[] dst, int offset, int length) {
            return STREAMS.readable(in) ? STREAMS.readInto(in, dst, offset, length) : call(new ReadInto(in, dst, offset, length));
        }
    }

    // The reads a guard runs, as classes rather than lambdas (see ClientSession's class comment).

    private record Await<T>(Coroutine<T> read) implements AsyncCallable<T> {
        @Override
        public T call() {
            return read.await();
        }
    }

    private record Read(StreamReader in, int n) implements AsyncCallable<byte[]> {
        @Override
        public byte[] call() {
            return STREAMS.read(in, n);
        }
    }

    private record ReadInto(StreamReader in, byte[] dst, int offset, int length) implements AsyncCallable<Integer> {
        @Override
        public Integer call() {
            return STREAMS.readInto(in, dst, offset, length);
        }
    }

    private static final StreamAccess STREAMS = SharedSecrets.streamAccess();

    ResponseContent(StreamReader in, Framing framing, long length, Runnable onComplete, ReadGuard guard, ContentDecoder decoder) {
        this.decoder = decoder;
        this.in = in;
        this.framing = framing;
        this.remaining = length;
        this.contentLength = framing == Framing.LENGTH ? length : null;
        this.onComplete = onComplete;
        this.guard = guard;
        if (framing == Framing.EMPTY || (framing == Framing.LENGTH && length == 0)) {
            finish();
        }
    }

    /** Whether the whole body has been read. */
    public boolean atEof() {
        return done && (decoded == null || decodedOffset == decoded.length);
    }

    /** Bytes of body read so far, as they came over the wire (compressed, if they were). */
    public long received() {
        return received;
    }

    /** Up to {@code n} bytes as soon as any are there; empty once the body is complete (aiohttp's read(n) / readany). */
    public Coroutine<byte[]> read(int n) {
        return Async.async("content.read", () -> readSome(n));
    }

    /** The rest of the body. */
    public Coroutine<byte[]> read() {
        return Async.async("content.read", this::readRest);
    }

    /** Whatever part of the body is available next (aiohttp's readany). */
    public Coroutine<byte[]> readany() {
        return read(StreamReader.DEFAULT_LIMIT);
    }

    /** Up to {@code n} bytes: the next piece of the body, empty at its end. */
    public Coroutine<byte[]> readChunk(int n) {
        return read(n);
    }

    /**
     * The body in pieces of at most {@code n} bytes (aiohttp's {@code async for chunk in
     * content.iter_chunked(n)}). Each {@code next()} awaits, so iterate inside a task.
     */
    public Iterable<byte[]> iterChunked(int n) {
        return () -> new Iterator<>() {
            private byte[] next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    next = readSome(n);
                }
                return next.length > 0;
            }

            @Override
            public byte[] next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                byte[] r = next;
                next = null;
                return r;
            }
        };
    }

    /** The pieces of the body as they arrive (aiohttp's iter_any). */
    public Iterable<byte[]> iterAny() {
        return iterChunked(StreamReader.DEFAULT_LIMIT);
    }

    byte[] readRest() {
        if (decoder == null && framing == Framing.LENGTH && remaining <= Integer.MAX_VALUE - 8) {
            return readRestOfLength();
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream(contentLength != null ? (int) Math.min(contentLength, 1 << 26) : 8192);
        try {
            while (true) {
                byte[] piece = readSome(StreamReader.DEFAULT_LIMIT);
                if (piece.length == 0) {
                    return all.toByteArray();
                }
                all.writeBytes(piece);
            }
        } catch (IncompleteReadError e) {
            throw new IncompleteReadError(all.toByteArray(), e.expected());
        }
    }

    /**
     * The rest of an uncompressed body of known length, read straight into an array of that size.
     * While the reader's buffer is empty, what the socket delivers is copied into that array
     * directly: no piece arrays, no growing of the reader's buffer, so the body is the only
     * garbage a download leaves (a fresh JVM also pays a page fault for each new page it touches).
     */
    private byte[] readRestOfLength() {
        byte[] body = new byte[(int) remaining];
        int filled = 0;
        while (filled < body.length) {
            int n = guard.readInto(in, body, filled, body.length - filled);
            if (n == 0) {
                IncompleteReadError e = incomplete();
                throw new IncompleteReadError(java.util.Arrays.copyOf(body, filled), e.expected());
            }
            filled += n;
            received += n;
            remaining -= n;
        }
        if (remaining == 0) {
            finish();
        }
        return body;
    }

    private byte[] readSome(int n) {
        if (decoder == null) {
            return readRaw(n);
        }
        while (decoded == null || decodedOffset == decoded.length) {
            boolean wasDone = done;
            byte[] raw = readRaw(n);
            decoded = raw.length > 0 ? decoder.decode(raw) : new byte[0];
            decodedOffset = 0;
            if (done && !wasDone || raw.length == 0) {
                decoder.finish();
            }
            if (decoded.length == 0 && (raw.length == 0 || done)) {
                return decoded;
            }
        }
        int k = Math.min(n, decoded.length - decodedOffset);
        byte[] out = java.util.Arrays.copyOfRange(decoded, decodedOffset, decodedOffset + k);
        decodedOffset += k;
        return out;
    }

    private byte[] readRaw(int n) {
        if (done || n == 0) {
            return new byte[0];
        }
        byte[] data = switch (framing) {
            case LENGTH -> readLength(n);
            case CHUNKED -> readChunked(n);
            case UNTIL_CLOSE -> readUntilClose(n);
            case EMPTY -> new byte[0];
        };
        received += data.length;
        return data;
    }

    private byte[] readLength(int n) {
        byte[] data = guard.read(in, (int) Math.min(n, remaining));
        if (data.length == 0) {
            throw incomplete();
        }
        remaining -= data.length;
        if (remaining == 0) {
            finish();
        }
        return data;
    }

    private byte[] readChunked(int n) {
        if (chunkRemaining == 0) {
            String line = line();
            int semi = line.indexOf(';');
            String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
            long size;
            try {
                size = Long.parseLong(hex, 16);
            } catch (NumberFormatException e) {
                throw new java.io.UncheckedIOException(new java.io.IOException("Not a chunk size: '" + line + "'"));
            }
            if (size == 0) {
                // Trailer headers, then the blank line that ends the message.
                while (!line().isEmpty()) {
                    // skip trailers
                }
                finish();
                return new byte[0];
            }
            chunkRemaining = size;
        }
        byte[] data = guard.read(in, (int) Math.min(n, chunkRemaining));
        if (data.length == 0) {
            throw incomplete();
        }
        chunkRemaining -= data.length;
        if (chunkRemaining == 0) {
            line();
        }
        return data;
    }

    private String line() {
        byte[] raw = guard.readline(in);
        if (raw.length == 0 || raw[raw.length - 1] != '\n') {
            throw incomplete();
        }
        return new String(raw, StandardCharsets.ISO_8859_1).strip();
    }

    private byte[] readUntilClose(int n) {
        byte[] data = guard.read(in, n);
        if (data.length == 0) {
            finish();
        }
        return data;
    }

    private IncompleteReadError incomplete() {
        done = true;
        return new IncompleteReadError(new byte[0], contentLength == null ? null : Math.toIntExact(contentLength));
    }

    private void finish() {
        if (!done) {
            done = true;
            onComplete.run();
        }
    }
}
