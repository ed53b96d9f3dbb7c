package jaio.http;

/**
 * An HTTP status of 400 or more, raised by {@link ClientResponse#raiseForStatus()}
 * (aiohttp.ClientResponseError); the message reads like aiohttp's:
 * {@code 404, message='Not Found', url='http://127.0.0.1:8080/x'}.
 */
public class ClientResponseError extends RuntimeException {
    private final int status;
    private final String url;

    /**
     * A response had an error status (raised by {@code raiseForStatus}) (aiohttp's {@code
     * ClientResponseError}).
     */
    public ClientResponseError(int status, String reason, String url) {
        super(status + ", message='" + reason + "', url='" + url + "'");
        this.status = status;
        this.url = url;
    }

    /** The response's HTTP status (aiohttp's {@code ClientResponseError.status}). */
    public int status() {
        return status;
    }

    /** The URL requested (aiohttp's {@code ClientResponseError.request_info.url}). */
    public String url() {
        return url;
    }
}
