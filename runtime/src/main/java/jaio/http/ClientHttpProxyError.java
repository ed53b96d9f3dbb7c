package jaio.http;

/**
 * The proxy refused to open a tunnel (aiohttp.ClientHttpProxyError): its CONNECT answer was not 200.
 */
public class ClientHttpProxyError extends java.io.UncheckedIOException {
    ClientHttpProxyError(String statusLine, String proxy, String target) {
        super("Proxy " + proxy + " refused to CONNECT to " + target + ": '" + statusLine + "'",
                new java.io.IOException(statusLine));
    }
}
