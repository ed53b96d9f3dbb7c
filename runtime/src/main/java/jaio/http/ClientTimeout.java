package jaio.http;

/**
 * Time limits of an HTTP request, in seconds, null for none (aiohttp.ClientTimeout): {@code total}
 * from the start of the request to the end of the body, {@code connect} for getting a connection
 * (from the pool or new), {@code sockRead} for each read from the socket. Passing one raises
 * {@link TimeoutError}.
 */
public record ClientTimeout(Double total, Double connect, Double sockRead) {
    /** aiohttp's default: five minutes in total. */
    public static final ClientTimeout DEFAULT = new ClientTimeout(300.0, null, null);

    public static ClientTimeout total(double seconds) {
        return new ClientTimeout(seconds, null, null);
    }
}
