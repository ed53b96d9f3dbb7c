package jaio.http;

import jaio.TimeoutError;

/**
 * Time limits of an HTTP request, in seconds, null for none (aiohttp.ClientTimeout): {@code total}
 * from the start of the request to the end of the body, {@code connect} for getting a connection
 * (waiting for a free one in the pool, connecting, the TLS handshake and a proxy's CONNECT),
 * {@code sockRead} for each read from the socket, {@code sockConnect} for connecting to the server
 * (or the proxy) and the TLS handshake. Passing one raises {@link TimeoutError}.
 */
public record ClientTimeout(Double total, Double connect, Double sockRead, Double sockConnect) {
    /** aiohttp's default: five minutes in total. */
    public static final ClientTimeout DEFAULT = new ClientTimeout(300.0, null, null, null);

    /** Total, connect and read limits in seconds, null for none (aiohttp's {@code ClientTimeout(total, connect, sock_read)}). */
    public ClientTimeout(Double total, Double connect, Double sockRead) {
        this(total, connect, sockRead, null);
    }

    /** Only a limit on the whole request, in seconds (aiohttp's {@code ClientTimeout(total=seconds)}). */
    public static ClientTimeout total(double seconds) {
        return new ClientTimeout(seconds, null, null, null);
    }
}
