package jaio.http;

/**
 * An HTTP status of 400 or more, raised by {@link ClientResponse#raiseForStatus()}
 * (aiohttp.ClientResponseError); the message reads like aiohttp's:
 * {@code 404, message='Not Found', url='http://127.0.0.1:8080/x'}.
 */
public class ClientResponseError extends RuntimeException {
    private final int status;
    private final String url;

    public ClientResponseError(int status, String reason, String url) {
        super(status + ", message='" + reason + "', url='" + url + "'");
        this.status = status;
        this.url = url;
    }

    public int status() {
        return status;
    }

    public String url() {
        return url;
    }
}
