package jaio;

import jaio.internal.Rethrow;

import java.util.Arrays;

/**
 * Bytes arriving from a connection (asyncio.StreamReader): {@link #read}, {@link #readline},
 * {@link #readexactly}, {@link #readuntil}, each a coroutine that suspends the task until enough
 * data or the end of the stream is there.
 *
 * <p>Invariants: the buffer holds bytes received and not yet read; at most one task waits for
 * data at a time (a second one gets AsyncRuntimeError, as in asyncio); when the buffer grows past
 * twice the limit the transport stops reading until a read brings it back under the limit, so a
 * slow consumer never makes the loop buffer without bound.
 */
public final class StreamReader {
    /** asyncio's _DEFAULT_LIMIT: 64 KiB. */
    public static final int DEFAULT_LIMIT = 64 * 1024;

    private final Loop loop;
    private final int limit;
    private byte[] buf = new byte[1024];
    private int start;
    private int end;
    private boolean eof;
    private Future<Void> waiter;
    private Throwable exception;
    private Transport transport;
    private boolean paused;

    /**
     * A stream reader with the default limit of 64 KiB, on the current loop (asyncio's {@code
     * StreamReader()}).
     */
    public StreamReader() {
        this(DEFAULT_LIMIT, Loop.getEventLoop());
    }

    /**
     * A stream reader whose line and separator reads stop at {@code limit} bytes, on {@code loop}
     * (asyncio's {@code StreamReader(limit, loop)}).
     */
    public StreamReader(int limit, Loop loop) {
        if (limit <= 0) {
            throw new IllegalArgumentException("Limit cannot be <= 0");
        }
        this.limit = limit;
        this.loop = loop;
    }

    /**
     * The buffer limit for {@code readline} and {@code readuntil} (asyncio's {@code
     * StreamReader._limit}).
     */
    public int limit() {
        return limit;
    }

    /** The exception set on this reader, or null. */
    public Throwable exception() {
        return exception;
    }

    /** Makes pending and later reads throw {@code exc} (asyncio's {@code StreamReader.set_exception}). */
    public void setException(Throwable exc) {
        exception = exc;
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.cancelled()) {
                w.setException(exc);
            }
        }
    }

    void setTransport(Transport t) {
        this.transport = t;
    }

    private void wakeupWaiter() {
        Future<Void> w = waiter;
        if (w != null) {
            waiter = null;
            if (!w.cancelled()) {
                w.setResult(null);
            }
        }
    }

    /** No more data will come. */
    public void feedEof() {
        eof = true;
        wakeupWaiter();
    }

    /** Whether the stream ended and the buffer is empty. */
    public boolean atEof() {
        return eof && start == end;
    }

    /**
     * Adds received bytes to the buffer, waking a waiting read (asyncio's {@code
     * StreamReader.feed_data}).
     */
    public void feedData(byte[] data) {
        feedData(data, data.length);
    }

    void feedData(byte[] data, int length) {
        if (eof) {
            throw new IllegalStateException("feed_data after feed_eof");
        }
        if (length == 0) {
            return;
        }
        ensureRoom(length);
        System.arraycopy(data, 0, buf, end, length);
        end += length;
        wakeupWaiter();
        if (transport != null && !paused && size() > 2 * limit) {
            transport.pauseReading();
            paused = true;
        }
    }

    private void ensureRoom(int n) {
        if (buf.length - end >= n) {
            return;
        }
        int size = size();
        if (start > 0 && buf.length - size >= n && start >= buf.length / 2) {
            System.arraycopy(buf, start, buf, 0, size);
        } else {
            byte[] nb = new byte[Math.max(buf.length * 2, size + n)];
            System.arraycopy(buf, start, nb, 0, size);
            buf = nb;
        }
        start = 0;
        end = size;
    }

    private int size() {
        return end - start;
    }

    private void maybeResumeTransport() {
        if (paused && size() <= limit) {
            paused = false;
            transport.resumeReading();
        }
    }

    private void waitForData(String funcName) {
        if (waiter != null) {
            throw new AsyncRuntimeError(funcName + "() called while another coroutine is already waiting for incoming data");
        }
        if (paused) {
            paused = false;
            transport.resumeReading();
        }
        Future<Void> w = loop.createFuture();
        waiter = w;
        Task<?> task = Task.current();
        if (task != null) {
            task.noteWait("data to " + funcName + " from a stream", this);
        }
        try {
            w.await();
        } finally {
            waiter = null;
        }
    }

    private byte[] take(int n) {
        byte[] out = Arrays.copyOfRange(buf, start, start + n);
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
        return out;
    }

    private void throwIfFailed() {
        if (exception != null) {
            throw Rethrow.unchecked(exception);
        }
    }

    /**
     * Up to {@code n} bytes, as soon as any are there; with {@code n < 0} everything until the end
     * of the stream. An empty array means the stream ended.
     */
    public Coroutine<byte[]> read(int n) {
        return new Coroutine<>("StreamReader.read", () -> readNow(n));
    }

    /** Everything until the end of the stream ({@code read(-1)}). */
    public Coroutine<byte[]> read() {
        return read(-1);
    }

    private byte[] readNow(int n) {
        throwIfFailed();
        if (n == 0) {
            return new byte[0];
        }
        if (n < 0) {
            java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
            while (true) {
                byte[] block = readNow(limit);
                if (block.length == 0) {
                    return all.toByteArray();
                }
                all.writeBytes(block);
            }
        }
        if (start == end && !eof) {
            waitForData("read");
        }
        byte[] data = take(Math.min(n, size()));
        maybeResumeTransport();
        return data;
    }

    /** One line ending in {@code \n}, or what is left at the end of the stream. */
    public Coroutine<byte[]> readline() {
        return new Coroutine<>("StreamReader.readline", () -> {
            byte[] sep = {'\n'};
            try {
                return readuntilNow(sep);
            } catch (IncompleteReadError e) {
                return e.partial();
            } catch (LimitOverrunError e) {
                if (startsWithAt(sep, e.consumed())) {
                    start += e.consumed() + sep.length;
                } else {
                    start = end;
                }
                if (start >= end) {
                    start = 0;
                    end = 0;
                }
                maybeResumeTransport();
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        });
    }

    private boolean startsWithAt(byte[] sep, int offset) {
        if (size() < offset + sep.length) {
            return false;
        }
        for (int i = 0; i < sep.length; i++) {
            if (buf[start + offset + i] != sep[i]) {
                return false;
            }
        }
        return true;
    }

    /** Data up to and including {@code separator}; IncompleteReadError if the stream ends first. */
    public Coroutine<byte[]> readuntil(byte[] separator) {
        return new Coroutine<>("StreamReader.readuntil", () -> readuntilNow(separator));
    }

    /** As {@link #readuntil(byte[])}, with the separator's UTF-8 bytes. */
    public Coroutine<byte[]> readuntil(String separator) {
        return readuntil(separator.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private byte[] readuntilNow(byte[] separator) {
        int seplen = separator.length;
        if (seplen == 0) {
            throw new IllegalArgumentException("Separator should be at least one-byte string");
        }
        throwIfFailed();
        int offset = 0;
        int isep;
        while (true) {
            int buflen = size();
            if (buflen - offset >= seplen) {
                isep = indexOf(separator, offset);
                if (isep != -1) {
                    break;
                }
                offset = buflen + 1 - seplen;
                if (offset > limit) {
                    throw new LimitOverrunError("Separator is not found, and chunk exceed the limit", offset);
                }
            }
            if (eof) {
                byte[] chunk = take(size());
                throw new IncompleteReadError(chunk, null);
            }
            waitForData("readuntil");
        }
        if (isep > limit) {
            throw new LimitOverrunError("Separator is found, but chunk is longer than limit", isep);
        }
        byte[] chunk = take(isep + seplen);
        maybeResumeTransport();
        return chunk;
    }

    private int indexOf(byte[] sep, int from) {
        int last = end - sep.length;
        outer:
        for (int i = start + from; i <= last; i++) {
            for (int j = 0; j < sep.length; j++) {
                if (buf[i + j] != sep[j]) {
                    continue outer;
                }
            }
            return i - start;
        }
        return -1;
    }

    /** Exactly {@code n} bytes; IncompleteReadError (with what arrived) if the stream ends first. */
    public Coroutine<byte[]> readexactly(int n) {
        return new Coroutine<>("StreamReader.readexactly", () -> {
            if (n < 0) {
                throw new IllegalArgumentException("readexactly size can not be less than zero");
            }
            throwIfFailed();
            if (n == 0) {
                return new byte[0];
            }
            while (size() < n) {
                if (eof) {
                    byte[] incomplete = take(size());
                    throw new IncompleteReadError(incomplete, n);
                }
                waitForData("readexactly");
            }
            byte[] data = take(n);
            maybeResumeTransport();
            return data;
        });
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<StreamReader");
        if (size() > 0) {
            sb.append(' ').append(size()).append(" bytes");
        }
        if (eof) {
            sb.append(" eof");
        }
        if (limit != DEFAULT_LIMIT) {
            sb.append(" limit=").append(limit);
        }
        if (waiter != null) {
            sb.append(" waiter=").append(waiter);
        }
        if (exception != null) {
            sb.append(" exception=").append(exception);
        }
        if (transport != null) {
            sb.append(" transport=").append(transport);
        }
        if (paused) {
            sb.append(" paused");
        }
        return sb.append('>').toString();
    }
}
