package jaio.kernel.session;

import jaio.kernel.language.OutputSink;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One cell's output buffer in front of its {@link OutputSink}.
 *
 * <p>Stream text is appended from any thread and delivered by the {@link OutputFlusher} within
 * {@link OutputFlusher#DELAY_MILLIS} of the first unsent write, coalesced into one stream message
 * per run of the same stream. Display calls flush pending text first, so the front end sees
 * everything in the order it happened. All sink calls of all cells go through {@link #EMIT}, so a
 * sink is never called concurrently and a flush cannot overtake an earlier one.
 */
final class CellOutput {
    /** Serializes every sink call, across cells. */
    static final Object EMIT = new Object();

    private record Chunk(String stream, StringBuilder text) {}

    private final OutputSink sink;
    private final List<Chunk> pending = new ArrayList<>();
    private final Map<String, CharsetDecoder> decoders = new HashMap<>();
    private final Map<String, byte[]> carry = new HashMap<>();
    private boolean flushScheduled;

    CellOutput(OutputSink sink) {
        this.sink = sink;
    }

    /** Appends bytes printed to {@code stream} (UTF-8; a sequence split across writes is kept whole). */
    void write(String stream, byte[] b, int off, int len) {
        synchronized (this) {
            byte[] held = carry.remove(stream);
            ByteBuffer in;
            if (held == null) {
                in = ByteBuffer.wrap(b, off, len);
            } else {
                byte[] joined = new byte[held.length + len];
                System.arraycopy(held, 0, joined, 0, held.length);
                System.arraycopy(b, off, joined, held.length, len);
                in = ByteBuffer.wrap(joined);
            }
            CharsetDecoder dec = decoders.computeIfAbsent(stream, s -> StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE));
            dec.reset();
            CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
            dec.decode(in, out, false);
            if (in.hasRemaining()) {
                // The tail of an unfinished UTF-8 sequence: decode it with the next write.
                byte[] rest = new byte[in.remaining()];
                in.get(rest);
                carry.put(stream, rest);
            }
            out.flip();
            appendText(stream, out.toString());
        }
    }

    /** Appends text to {@code stream}. */
    void writeText(String stream, String text) {
        synchronized (this) {
            appendText(stream, text);
        }
    }

    private void appendText(String stream, String text) {
        if (text.isEmpty()) {
            return;
        }
        if (!pending.isEmpty() && pending.getLast().stream().equals(stream)) {
            pending.getLast().text().append(text);
        } else {
            pending.add(new Chunk(stream, new StringBuilder(text)));
        }
        if (!flushScheduled) {
            flushScheduled = true;
            OutputFlusher.INSTANCE.schedule(this);
        }
    }

    /** Sends all pending stream text now. */
    void flush() {
        synchronized (EMIT) {
            List<Chunk> chunks;
            synchronized (this) {
                chunks = new ArrayList<>(pending);
                pending.clear();
                flushScheduled = false;
            }
            for (Chunk c : chunks) {
                safely(() -> sink.stream(c.stream(), c.text().toString()));
            }
        }
    }

    void displayData(Map<String, Object> data, Map<String, Object> metadata, String displayId) {
        synchronized (EMIT) {
            flush();
            safely(() -> sink.displayData(data, metadata, displayId));
        }
    }

    void updateDisplayData(Map<String, Object> data, Map<String, Object> metadata, String displayId) {
        synchronized (EMIT) {
            flush();
            safely(() -> sink.updateDisplayData(data, metadata, displayId));
        }
    }

    void clearOutput(boolean wait) {
        synchronized (EMIT) {
            flush();
            safely(() -> sink.clearOutput(wait));
        }
    }

    void executeResult(Map<String, Object> data, Map<String, Object> metadata) {
        synchronized (EMIT) {
            flush();
            safely(() -> sink.executeResult(data, metadata));
        }
    }

    /** A failing sink must not break the cell or the thread that printed: report it on the kernel's stderr. */
    private static void safely(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            OutputRouter.kernelErr().println("jaio: the output sink failed: " + e);
        }
    }
}
