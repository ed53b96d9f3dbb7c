package jaio;

import jaio.internal.Rethrow;
import jaio.internal.SharedSecrets;

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
     * While a {@link #readInto} waits on an empty buffer: the caller's array, which the next
     * {@link #feedData} fills directly instead of growing {@link #buf} (null otherwise).
     */
    private byte[] target;
    private int targetOffset;
    private int targetLength;
    private int targetFilled;

    static {
        SharedSecrets.setStreamAccess(new StreamAccessImpl());
    }

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
        int direct = 0;
        if (target != null) {
            // A readInto waits on an empty buffer: its array is where these bytes were going anyway.
            direct = Math.min(length, targetLength);
            System.arraycopy(data, 0, target, targetOffset, direct);
            targetFilled = direct;
            target = null;
        }
        if (direct < length) {
            ensureRoom(length - direct);
            System.arraycopy(data, direct, buf, end, length - direct);
            end += length - direct;
        }
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

    byte[] readNow(int n) {
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

    /**
     * Up to {@code length} bytes into {@code dst} from {@code offset}, the bytes {@code read(length)}
     * would return; 0 once the stream ended. Waits (in a task) while nothing is buffered, and then
     * the data arriving goes straight into {@code dst}, without the buffer or a new array: what a
     * large body costs in copies and garbage. For jaio's own readers (see {@link SharedSecrets}).
     */
    int readInto(byte[] dst, int offset, int length) {
        throwIfFailed();
        if (length == 0) {
            return 0;
        }
        if (start == end && !eof) {
            target = dst;
            targetOffset = offset;
            targetLength = length;
            targetFilled = 0;
            try {
                waitForData("read");
            } catch (RuntimeException | Error e) {
                target = null;
                if (targetFilled > 0) {
                    // Filled, then cancelled before the task resumed: the bytes stay in the stream.
                    unread(dst, offset, targetFilled);
                }
                throw e;
            }
            target = null;
            if (targetFilled > 0) {
                return targetFilled;
            }
        }
        int n = Math.min(length, size());
        System.arraycopy(buf, start, dst, offset, n);
        start += n;
        if (start == end) {
            start = 0;
            end = 0;
        }
        maybeResumeTransport();
        return n;
    }

    /** Puts {@code n} bytes back in front of the buffer. */
    private void unread(byte[] src, int offset, int n) {
        int size = size();
        byte[] nb = new byte[Math.max(buf.length, size + n)];
        System.arraycopy(src, offset, nb, 0, n);
        System.arraycopy(buf, start, nb, n, size);
        buf = nb;
        start = 0;
        end = size + n;
    }

    /** Whether a read would return without waiting: bytes are buffered, the stream ended or failed. */
    boolean readable() {
        return start < end || eof || exception != null;
    }

    /**
     * The next line, as {@link #readline()} returns it, if it is already buffered whole; else null
     * (then {@code readline()} waits for it, or raises what it raises). Never waits.
     */
    byte[] bufferedLine() {
        if (exception != null) {
            return null;
        }
        for (int i = start; i < end; i++) {
            if (buf[i] == '\n') {
                if (i - start > limit) {
                    return null;
                }
                byte[] line = take(i - start + 1);
                maybeResumeTransport();
                return line;
            }
        }
        return null;
    }

    /** One line ending in {@code \n}, or what is left at the end of the stream. */
    public Coroutine<byte[]> readline() {
        return new Coroutine<>("StreamReader.readline", new Readline());
    }

    /** {@link #readline()}'s body: a class, not a lambda, as everything the HTTP client runs on its first batch. */
    private final class Readline implements AsyncCallable<byte[]> {
        @Override
        public byte[] call() {
            return readlineNow();
        }
    }

    private byte[] readlineNow() {
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
