package jaio.internal;

import jaio.StreamReader;

/**
 * What jaio's own protocols on top of {@link StreamReader} (the HTTP client) may do beyond
 * asyncio's API: read without a coroutine object per call, and into an array of their own.
 * Package {@code jaio} implements it and registers it in {@link SharedSecrets}; it is not API.
 */
public interface StreamAccess {
    /** The bytes {@code reader.read(n)} returns, without a coroutine object; waits in the current task. */
    byte[] read(StreamReader reader, int n);

    /**
     * Up to {@code length} bytes into {@code dst} from {@code offset}, the bytes {@code
     * reader.read(length)} would return; 0 once the stream ended. Waits in the current task while
     * nothing is buffered.
     */
    int readInto(StreamReader reader, byte[] dst, int offset, int length);

    /** Whether a read, {@code readInto} or {@code readline} would return without waiting. */
    boolean readable(StreamReader reader);

    /**
     * The next line, exactly as {@code reader.readline()} returns it, if it is already buffered
     * whole; else null, and nothing is consumed. Never waits.
     */
    byte[] bufferedLine(StreamReader reader);
}
