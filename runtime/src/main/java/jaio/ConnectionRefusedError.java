package jaio;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A connect that the peer refused (Python's ConnectionRefusedError). Unchecked, like every I/O
 * failure jaio's coroutines raise, so {@code catch (ConnectionRefusedError e)} compiles around an
 * {@code await}; the cause is the JDK's {@link java.net.ConnectException}. The message names the
 * address as asyncio does: {@code Connect call failed ('127.0.0.1', 1234)}.
 */
public class ConnectionRefusedError extends UncheckedIOException {
    /**
     * Nobody listens at the address connected to (Python's {@code ConnectionRefusedError}); {@code
     * cause} is the JDK's error.
     */
    public ConnectionRefusedError(String message, IOException cause) {
        super(message, cause);
    }
}
