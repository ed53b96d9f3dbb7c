package jaio.http;

import java.util.List;

/**
 * A request was redirected more often than {@link ClientSession#maxRedirects} allows
 * (aiohttp.TooManyRedirects); {@link #history()} holds the redirect responses, in order.
 */
public class TooManyRedirects extends ClientResponseError {
    private final List<ClientResponse> history;

    TooManyRedirects(List<ClientResponse> history, int max) {
        super(history.getLast().status(), "Too many redirects (" + max + ")", history.getFirst().url());
        this.history = List.copyOf(history);
    }

    /** The responses of the redirects followed (aiohttp's {@code TooManyRedirects.history}). */
    public List<ClientResponse> history() {
        return history;
    }
}
