package jaio.http;

/** {@link ClientResponse#json()} found another media type than it was told to expect (aiohttp.ContentTypeError). */
public class ContentTypeError extends ClientResponseError {
    ContentTypeError(int status, String message, String url) {
        super(status, message, url);
    }
}
