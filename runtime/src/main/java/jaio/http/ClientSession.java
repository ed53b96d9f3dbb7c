package jaio.http;

import jaio.Async;
import jaio.AsyncCallable;
import jaio.AsyncRuntimeError;
import jaio.Coroutine;
import jaio.IncompleteReadError;
import jaio.Loop;
import jaio.Ssl;
import jaio.StreamReader;
import jaio.StreamWriter;
import jaio.Streams;
import jaio.Timeout;
import jaio.internal.Rethrow;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;

/**
 * An asynchronous HTTP/1.1 client on jaio's own streams, used as the seeds use aiohttp:
 *
 * <pre>{@code
 * try (var session = new ClientSession()) {
 *     try (var resp = await(session.get("https://example.org/"))) {
 *         System.out.println(resp.status());
 *         String page = await(resp.text());
 *     }
 * }
 * }</pre>
 *
 * <p>Requests run on the loop of the task that awaits them: no extra threads, nothing to warm up.
 * What aiohttp does for the everyday cases, this does too: {@code https://} with the JDK's trust
 * store ({@link Ssl#defaultContext()}, or an {@link #ssl SSLContext} of your own) and host name checks; redirects followed (at
 * most {@link #maxRedirects}, the earlier responses in {@link ClientResponse#history()});
 * {@code gzip} and {@code deflate} bodies decoded as they arrive; cookies kept in the session's
 * {@link #cookieJar()}; Basic auth; proxies, given with {@link #proxy} or, with
 * {@link #trustEnv(boolean) trustEnv(true)}, read from {@code HTTP_PROXY}/{@code HTTPS_PROXY}/{@code NO_PROXY}
 * (https through a proxy uses CONNECT); {@link ClientTimeout}'s total, connect and read limits.
 *
 * <p>Connections are kept alive and reused per scheme, host, port and proxy, at most
 * {@link #limit()} in use at once (aiohttp's default is 100) and at most {@link #limitPerHost} to
 * one of them; more requests wait for a free one. Settings apply from the first request on; a
 * session belongs to the loop it is first used on.
 *
 * <p>The code every request runs (here, in {@link ResponseContent}, {@link ClientResponse} and
 * {@link HttpConnectionPool}) uses small named classes instead of lambdas and no string
 * concatenation by {@code invokedynamic}: in a fresh JVM each lambda's first run spins a hidden
 * class, in interpreted code, on the first download batch a user waits for.
 */
public final class ClientSession implements AutoCloseable {
    /** Redirect statuses aiohttp follows. */
    private static final java.util.Set<Integer> REDIRECTS = java.util.Set.of(301, 302, 303, 307, 308);

    private final ClientTimeout timeout;
    private final int limit;
    private int limitPerHost;
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();
    private final CookieJar cookieJar = new CookieJar();
    private boolean raiseForStatus;
    private boolean allowRedirects = true;
    private int maxRedirects = 10;
    private boolean autoDecompress = true;
    private BasicAuth auth;
    private SSLContext ssl;
    private ProxySettings proxies = ProxySettings.NONE;
    private HttpConnectionPool pool;
    private Loop loop;
    private boolean closed;

    /** A session with aiohttp's defaults: 300 s total timeout, 100 connections. */
    public ClientSession() {
        this(ClientTimeout.DEFAULT, 100);
    }

    /**
     * A session whose requests use {@code timeout} (aiohttp's {@code ClientSession(timeout=timeout)});
     * close it, or use try-with-resources.
     */
    public ClientSession(ClientTimeout timeout) {
        this(timeout, 100);
    }

    /** {@code limit}: connections in use at once (0: no limit). */
    public ClientSession(ClientTimeout timeout, int limit) {
        this.timeout = timeout == null ? new ClientTimeout(null, null, null) : timeout;
        this.limit = limit;
        defaultHeaders.put("User-Agent", "jaio");
        defaultHeaders.put("Accept", "*/*");
        defaultHeaders.put("Accept-Encoding", "gzip, deflate");
    }

    /** Adds a header sent with every request. */
    public ClientSession header(String name, String value) {
        defaultHeaders.put(name, value);
        return this;
    }

    /** Makes every response with a status of 400 or more raise {@link ClientResponseError}. */
    public ClientSession raiseForStatus(boolean enabled) {
        this.raiseForStatus = enabled;
        return this;
    }

    /** Connections in use at once to one scheme, host and port (aiohttp's limit_per_host; 0: no limit). */
    public ClientSession limitPerHost(int n) {
        checkNotStarted("limitPerHost");
        this.limitPerHost = n;
        return this;
    }

    /** Whether redirects are followed (default true); when not, the 3xx response is returned. */
    public ClientSession allowRedirects(boolean allow) {
        this.allowRedirects = allow;
        return this;
    }

    /** The most redirects one request follows (default 10) before raising {@link TooManyRedirects}. */
    public ClientSession maxRedirects(int n) {
        this.maxRedirects = n;
        return this;
    }

    /** Whether gzip and deflate bodies are decoded (default true, aiohttp's auto_decompress). */
    public ClientSession autoDecompress(boolean enabled) {
        this.autoDecompress = enabled;
        if (!enabled) {
            defaultHeaders.remove("Accept-Encoding");
        }
        return this;
    }

    /** Basic credentials sent with every request (dropped when a redirect leaves the origin). */
    public ClientSession auth(BasicAuth credentials) {
        this.auth = credentials;
        return this;
    }

    /**
     * The TLS context for https URLs: one that trusts a private CA or a self-signed certificate,
     * e.g. {@code Ssl.createDefaultContext(Path.of("ca.pem"))} (aiohttp's {@code ssl=}).
     */
    public ClientSession ssl(SSLContext context) {
        this.ssl = context;
        return this;
    }

    /** Sends every request through the proxy at {@code proxyUrl} ({@code http://[user:pass@]host:port}). */
    public ClientSession proxy(String proxyUrl) {
        this.proxies = proxyUrl == null ? ProxySettings.NONE : ProxySettings.of(proxyUrl);
        return this;
    }

    /** Reads the proxies from HTTP_PROXY, HTTPS_PROXY and NO_PROXY (aiohttp's trust_env; off by default, as there). */
    public ClientSession trustEnv(boolean enabled) {
        this.proxies = enabled ? ProxySettings.fromEnv(System.getenv()) : ProxySettings.NONE;
        return this;
    }

    /** Proxy settings read from {@code env} as {@link #trustEnv} reads them from the process environment. */
    ClientSession proxyEnv(Map<String, String> env) {
        this.proxies = ProxySettings.fromEnv(env);
        return this;
    }

    /** The session's cookies (aiohttp's {@code ClientSession.cookie_jar}). */
    public CookieJar cookieJar() {
        return cookieJar;
    }

    /** The session's default timeouts (aiohttp's {@code ClientSession.timeout}). */
    public ClientTimeout timeout() {
        return timeout;
    }

    /** How many connections it opens at most at once (aiohttp's {@code TCPConnector.limit}). */
    public int limit() {
        return limit;
    }

    /** Whether it was closed (aiohttp's {@code ClientSession.closed}). */
    public boolean closed() {
        return closed;
    }

    /**
     * A GET request; await it for the response, then read it with {@code text()}, {@code read()} or
     * {@code json()} (aiohttp's {@code session.get(url)}).
     */
    public Coroutine<ClientResponse> get(String url) {
        return request("GET", url, Map.of(), null);
    }

    /** A GET request with extra {@code headers} (aiohttp's {@code session.get(url, headers=headers)}). */
    public Coroutine<ClientResponse> get(String url, Map<String, String> headers) {
        return request("GET", url, headers, null);
    }

    /** A HEAD request: status and headers, no body (aiohttp's {@code session.head(url)}). */
    public Coroutine<ClientResponse> head(String url) {
        return request("HEAD", url, Map.of(), null);
    }

    /** A POST request with {@code data} as its body (aiohttp's {@code session.post(url, data=data)}). */
    public Coroutine<ClientResponse> post(String url, byte[] data) {
        return request("POST", url, Map.of(), data);
    }

    /**
     * A POST request with {@code data} as a UTF-8 text body (aiohttp's {@code session.post(url,
     * data=text)}).
     */
    public Coroutine<ClientResponse> post(String url, String data) {
        return request("POST", url, Map.of("Content-Type", "text/plain; charset=utf-8"), data.getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs {@code value} as JSON (aiohttp's {@code post(url, json=value)}); see {@link Json#dumps}. */
    public Coroutine<ClientResponse> postJson(String url, Object value) {
        return request("POST", url, Map.of("Content-Type", "application/json"), Json.dumps(value).getBytes(StandardCharsets.UTF_8));
    }

    /** A PUT request with {@code data} as its body (aiohttp's {@code session.put(url, data=data)}). */
    public Coroutine<ClientResponse> put(String url, byte[] data) {
        return request("PUT", url, Map.of(), data);
    }

    /** A DELETE request (aiohttp's {@code session.delete(url)}). */
    public Coroutine<ClientResponse> delete(String url) {
        return request("DELETE", url, Map.of(), null);
    }

    /** Sends a request, following redirects, and returns when the final status line and headers have arrived. */
    public Coroutine<ClientResponse> request(String method, String url, Map<String, String> headers, byte[] body) {
        return Async.async("ClientSession.request", new Request(method, url, headers, body));
    }

    /** {@link #request}'s body. */
    private final class Request implements AsyncCallable<ClientResponse> {
        private final String method;
        private final String url;
        private final Map<String, String> headers;
        private final byte[] body;

        Request(String method, String url, Map<String, String> headers, byte[] body) {
            this.method = method;
            this.url = url;
            this.headers = headers;
            this.body = body;
        }

        @Override
        public ClientResponse call() {
            return send(method, url, headers, body);
        }
    }

    private ClientResponse send(String method, String url, Map<String, String> headers, byte[] body) {
        if (closed) {
            throw new AsyncRuntimeError("Session is closed");
        }
        Loop running = Loop.getRunningLoop();
        if (loop == null) {
            loop = running;
            pool = new HttpConnectionPool(limit, limitPerHost);
        } else if (loop != running) {
            throw new AsyncRuntimeError("this ClientSession is attached to a different loop");
        }
        URI uri = checkedUri(url);
        Double deadline = timeout.total() != null ? loop.time() + timeout.total() : null;
        Map<String, String> requestHeaders = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        requestHeaders.putAll(headers);
        BasicAuth credentials = BasicAuth.fromUserInfo(uri.getRawUserInfo());
        if (credentials == null) {
            credentials = auth;
        }
        List<ClientResponse> history = new ArrayList<>();
        while (true) {
            ClientResponse resp = sendOnce(method, uri, requestHeaders, credentials, body, deadline);
            String location = resp.header("Location");
            if (!allowRedirects || !REDIRECTS.contains(resp.status()) || location == null) {
                resp.setHistory(history);
                if (raiseForStatus) {
                    resp.raiseForStatus();
                }
                return resp;
            }
            // Read the (small) redirect body so the connection can be reused.
            try {
                resp.read().await();
            } finally {
                resp.close();
            }
            history.add(resp);
            if (history.size() >= maxRedirects) {
                throw new TooManyRedirects(history, maxRedirects);
            }
            URI next = uri.resolve(location.trim());
            checkedUri(next.toString());
            if ((resp.status() == 303 && !method.equals("HEAD")) || ((resp.status() == 301 || resp.status() == 302) && method.equals("POST"))) {
                method = "GET";
                body = null;
                requestHeaders.remove("Content-Type");
            }
            if (!origin(next).equals(origin(uri))) {
                // aiohttp drops the credentials when a redirect leaves the origin.
                credentials = null;
                requestHeaders.remove("Authorization");
            }
            uri = next;
        }
    }

    private static URI checkedUri(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a valid URL: '" + url + "' (" + e.getMessage() + ")", e);
        }
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("ClientSession speaks http and https, not '" + scheme + "': " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("the URL has no host: '" + url + "'");
        }
        return uri;
    }

    private static String origin(URI u) {
        return u.getScheme().toLowerCase() + "://" + u.getHost().toLowerCase() + ":" + portOf(u);
    }

    static int portOf(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /** One request and its response head, on a pooled connection (retried once if a kept-alive one was stale). */
    private ClientResponse sendOnce(String method, URI uri, Map<String, String> headers, BasicAuth credentials, byte[] body, Double deadline) {
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        String host = uri.getHost();
        int port = portOf(uri);
        URI proxy = proxies.proxyFor(uri);
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        boolean absoluteForm = proxy != null && !https;
        String target = absoluteForm ? uri.getScheme() + "://" + authority(uri) + path : path;
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.put("Host", authority(uri));
        all.putAll(defaultHeaders);
        if (credentials != null) {
            all.put("Authorization", credentials.encode());
        }
        String cookies = cookieJar.cookieHeader(uri);
        if (cookies != null) {
            all.put("Cookie", cookies);
        }
        if (absoluteForm && proxy.getRawUserInfo() != null) {
            all.put("Proxy-Authorization", BasicAuth.fromUserInfo(proxy.getRawUserInfo()).encode());
        }
        all.putAll(headers);
        byte[] head = requestHead(method, target, all, body);
        String key = (https ? "https://" : "http://") + host + ":" + port + (proxy != null ? " via " + proxy.getHost() + ":" + portOf(proxy) : "");
        ResponseContent.ReadGuard guard = new Guard(deadline, timeout.sockRead());
        Connect connect = new Connect(key, https, host, port, proxy, deadline);
        for (int attempt = 0; ; attempt++) {
            HttpConnectionPool.Connection conn = new Guard(deadline, timeout.connect()).call(connect);
            try {
                StreamWriter w = conn.streams.writer();
                w.write(head);
                if (body != null) {
                    w.write(body);
                }
                w.drain().await();
                ClientResponse resp = readResponse(method, uri, conn, guard);
                cookieJar.updateCookies(resp.headers().getOrDefault("Set-Cookie", List.of()), uri);
                return resp;
            } catch (StaleConnection e) {
                pool.release(conn, false);
                if (attempt > 0) {
                    throw e.failure;
                }
                // The server closed an idle keep-alive connection just before we used it: retry once on a new one.
            } catch (Throwable t) {
                pool.release(conn, false);
                throw t;
            }
        }
    }

    /** A pooled connection for one request: a free idle one, else a new one {@link #open opened} (under the connect timeout). */
    private final class Connect implements AsyncCallable<HttpConnectionPool.Connection>, Supplier<Streams> {
        private final String key;
        private final boolean https;
        private final String host;
        private final int port;
        private final URI proxy;
        private final Double deadline;

        Connect(String key, boolean https, String host, int port, URI proxy, Double deadline) {
            this.key = key;
            this.https = https;
            this.host = host;
            this.port = port;
            this.proxy = proxy;
            this.deadline = deadline;
        }

        @Override
        public HttpConnectionPool.Connection call() {
            return pool.acquire(loop, key, this);
        }

        @Override
        public Streams get() {
            return open(https, host, port, proxy, deadline);
        }
    }

    private static String authority(URI uri) {
        String host = uri.getHost();
        return uri.getPort() >= 0 ? host + ":" + uri.getPort() : host;
    }

    /** A new connection: direct, or through a proxy (a CONNECT tunnel for https), TLS for https. */
    private Streams open(boolean https, String host, int port, URI proxy, Double deadline) {
        Guard connectGuard = new Guard(deadline, timeout.sockConnect());
        SSLContext context = https ? sslContext() : null;
        if (proxy == null) {
            return connectGuard.read(Streams.openConnection(host, port, context, null, StreamReader.DEFAULT_LIMIT));
        }
        Streams s = connectGuard.read(Streams.openConnection(proxy.getHost(), portOf(proxy)));
        if (!https) {
            return s;
        }
        try {
            String auth = proxy.getRawUserInfo() != null
                    ? "Proxy-Authorization: " + BasicAuth.fromUserInfo(proxy.getRawUserInfo()).encode() + "\r\n" : "";
            s.writer().write(("CONNECT " + host + ":" + port + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n" + auth + "\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            String status = lineOf(connectGuard.read(s.reader().readline()));
            while (true) {
                String line = lineOf(connectGuard.read(s.reader().readline()));
                if (line == null || line.isEmpty()) {
                    break;
                }
            }
            String[] parts = status == null ? new String[0] : status.split(" ", 3);
            if (parts.length < 2 || !parts[1].equals("200")) {
                throw new ClientHttpProxyError(status == null ? "no answer" : status, proxy.getHost() + ":" + portOf(proxy), host + ":" + port);
            }
            connectGuard.read(s.writer().startTls(context, host));
            return s;
        } catch (RuntimeException | Error e) {
            s.writer().close();
            throw e;
        }
    }

    private SSLContext sslContext() {
        return ssl != null ? ssl : Ssl.defaultContext();
    }

    private static byte[] requestHead(String method, String target, Map<String, String> all, byte[] body) {
        if (body != null) {
            all.put("Content-Length", String.valueOf(body.length));
        }
        StringBuilder sb = new StringBuilder(128).append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        for (var e : all.entrySet()) {
            sb.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private void checkNotStarted(String what) {
        if (pool != null) {
            throw new IllegalStateException(what + "() must be set before the session's first request");
        }
    }

    /** A reused connection that turned out to be closed before any response byte came back. */
    private static final class StaleConnection extends RuntimeException {
        final RuntimeException failure;

        StaleConnection(RuntimeException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    private ClientResponse readResponse(String method, URI uri, HttpConnectionPool.Connection conn, ResponseContent.ReadGuard guard) {
        String url = uri.toString();
        StreamReader in = conn.streams.reader();
        String statusLine;
        try {
            statusLine = lineOf(guard.readline(in));
        } catch (UncheckedIOException e) {
            if (conn.reused && !(e instanceof IncompleteReadError ire && ire.partial().length > 0)) {
                throw new StaleConnection(e);
            }
            throw new UncheckedIOException("Server disconnected before sending a response: " + url, e.getCause());
        }
        if (statusLine == null) {
            UncheckedIOException e = new UncheckedIOException("Server disconnected: " + url, new java.io.EOFException());
            throw conn.reused ? new StaleConnection(e) : e;
        }
        // statusLine.split(" ", 3), without the list and array it builds.
        int sp1 = statusLine.indexOf(' ');
        int sp2 = sp1 < 0 ? -1 : statusLine.indexOf(' ', sp1 + 1);
        if (sp1 < 0 || !statusLine.startsWith("HTTP/")) {
            throw new UncheckedIOException(new java.io.IOException("Bad status line from " + url + ": '" + statusLine + "'"));
        }
        String version = statusLine.substring(0, sp1);
        int status = Integer.parseInt(sp2 < 0 ? statusLine.substring(sp1 + 1) : statusLine.substring(sp1 + 1, sp2));
        String reason = sp2 < 0 ? "" : statusLine.substring(sp2 + 1);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        while (true) {
            String line = lineOf(guard.readline(in));
            if (line == null) {
                throw new IncompleteReadError(new byte[0], null);
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim();
                List<String> values = headers.get(name);
                if (values == null) {
                    values = new ArrayList<>(1);
                    headers.put(name, values);
                }
                values.add(line.substring(colon + 1).trim());
            }
        }
        String connection = first(headers, "Connection");
        boolean keepAlive = version.equals("HTTP/1.1")
                ? !"close".equalsIgnoreCase(connection)
                : "keep-alive".equalsIgnoreCase(connection);
        String te = first(headers, "Transfer-Encoding");
        String cl = first(headers, "Content-Length");
        ResponseContent.Framing framing;
        long length = 0;
        if (method.equals("HEAD") || status == 204 || status == 304 || (status >= 100 && status < 200)) {
            framing = ResponseContent.Framing.EMPTY;
        } else if (te != null && te.toLowerCase().contains("chunked")) {
            framing = ResponseContent.Framing.CHUNKED;
        } else if (cl != null) {
            framing = ResponseContent.Framing.LENGTH;
            length = Long.parseLong(cl.trim());
        } else {
            framing = ResponseContent.Framing.UNTIL_CLOSE;
            keepAlive = false;
        }
        ContentDecoder decoder = autoDecompress ? ContentDecoder.of(first(headers, "Content-Encoding")) : null;
        return new ClientResponse(method, url, version, status, reason, headers, in, framing, length, keepAlive, guard, pool, conn, decoder);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null ? null : v.get(0);
    }

    /** One CRLF-terminated line of a response head, or null at a clean end of stream. */
    private static String lineOf(byte[] raw) {
        if (raw.length == 0) {
            return null;
        }
        if (raw[raw.length - 1] != '\n') {
            throw new IncompleteReadError(raw, null);
        }
        int n = raw.length - 1;
        if (n > 0 && raw[n - 1] == '\r') {
            n--;
        }
        return new String(raw, 0, n, StandardCharsets.ISO_8859_1);
    }

    /** Runs each read under the request's deadline and the per-read limit, whichever is sooner. */
    private final class Guard implements ResponseContent.ReadGuard {
        private final Double deadline;
        private final Double perRead;

        Guard(Double deadline, Double perRead) {
            this.deadline = deadline;
            this.perRead = perRead;
        }

        @Override
        public <T> T call(AsyncCallable<T> read) {
            Double when = deadline;
            if (perRead != null) {
                double w = loop.time() + perRead;
                when = when == null ? w : Math.min(when, w);
            }
            if (when == null) {
                try {
                    return read.call();
                } catch (Exception e) {
                    throw Rethrow.unchecked(e);
                }
            }
            return Timeout.at(when).call(read);
        }
    }

    /** Closes the idle connections; responses still being read keep theirs until released. */
    @Override
    public void close() {
        closed = true;
        if (pool != null) {
            pool.close();
        }
    }

    @Override
    public String toString() {
        return "<ClientSession limit=" + limit + (closed ? " closed" : "") + ">";
    }
}
