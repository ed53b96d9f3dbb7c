package jaio.kernel.session;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Replaces {@code System.in}, once per JVM, by a stream that asks the frontend of the reading
 * code's cell for a line whenever its buffer is empty (an input_request with an empty prompt). The
 * read blocks the reading thread, and so the loop when a task reads: exactly as Python's input()
 * inside a coroutine blocks asyncio. Code that belongs to no cell reads end-of-file.
 */
final class InputRouter extends InputStream {
    private static boolean installed;
    private byte[] buffer = new byte[0];
    private int pos;

    private InputRouter() {}

    static synchronized void install() {
        if (!installed) {
            System.setIn(new InputRouter());
            installed = true;
        }
    }

    @Override
    public synchronized int read() throws IOException {
        if (!fill()) {
            return -1;
        }
        return buffer[pos++] & 0xff;
    }

    @Override
    public synchronized int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, buffer.length - pos);
        System.arraycopy(buffer, pos, b, off, n);
        pos += n;
        return n;
    }

    @Override
    public synchronized int available() {
        return buffer.length - pos;
    }

    private boolean fill() throws IOException {
        if (pos < buffer.length) {
            return true;
        }
        Cell cell = CurrentCell.ofRunningCode();
        if (cell == null) {
            return false;
        }
        System.out.flush();
        try {
            String line = cell.context.input().request("", false).get();
            buffer = (line + "\n").getBytes(StandardCharsets.UTF_8);
            pos = 0;
            return true;
        } catch (ExecutionException | CompletionException e) {
            if (cell.interruptRequested) {
                throw new java.io.InterruptedIOException("input interrupted");
            }
            // Unchecked on purpose: Scanner (and BufferedReader.lines) take an IOException for the end
            // of the input and would say "No line found" instead of why there is no line.
            throw new UncheckedIOException(new IOException("cannot read System.in: " + e.getCause().getMessage(), e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("input interrupted");
        }
    }
}
