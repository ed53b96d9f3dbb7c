package jaio.http;

import jaio.Async;
import jaio.AsyncRuntimeError;
import jaio.Coroutine;
import jaio.IncompleteReadError;
import jaio.Loop;
import jaio.StreamReader;
import jaio.StreamWriter;
import jaio.Timeout;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An asynchronous HTTP/1.1 client on jaio's own streams, used as the seeds use aiohttp:
 *
 * <pre>{@code
 * try (var session = new ClientSession()) {
 *     try (var resp = await(session.get(url))) {
 *         System.out.println(resp.status());
 *         byte[] body = await(resp.read());
 *     }
 * }
 * }</pre>
 *
 * <p>Requests run on the loop of the task that awaits them: no extra threads, nothing to warm up.
 * Connections are kept alive and reused per host and port, at most {@link #limit} in use at once
 * (aiohttp's default is 100); more requests wait for a free one. Plain {@code http://} only; for
 * {@code https://} await {@code java.net.http.HttpClient.sendAsync(...)} instead, which jaio awaits
 * directly. A session belongs to the loop it is first used on.
 */
public final class ClientSession implements AutoCloseable {
    private final ClientTimeout timeout;
    private final int limit;
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();
    private boolean raiseForStatus;
    private HttpConnectionPool pool;
    private Loop loop;
    private boolean closed;

    /** A session with aiohttp's defaults: 300 s total timeout, 100 connections. */
    public ClientSession() {
        this(ClientTimeout.DEFAULT, 100);
    }

    public ClientSession(ClientTimeout timeout) {
        this(timeout, 100);
    }

    /** {@code limit}: connections in use at once (0: no limit). */
    public ClientSession(ClientTimeout timeout, int limit) {
        this.timeout = timeout == null ? new ClientTimeout(null, null, null) : timeout;
        this.limit = limit;
        defaultHeaders.put("User-Agent", "jaio");
        defaultHeaders.put("Accept", "*/*");
        defaultHeaders.put("Accept-Encoding", "identity");
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

    public ClientTimeout timeout() {
        return timeout;
    }

    public int limit() {
        return limit;
    }

    public boolean closed() {
        return closed;
    }

    public Coroutine<ClientResponse> get(String url) {
        return request("GET", url, Map.of(), null);
    }

    public Coroutine<ClientResponse> get(String url, Map<String, String> headers) {
        return request("GET", url, headers, null);
    }

    public Coroutine<ClientResponse> head(String url) {
        return request("HEAD", url, Map.of(), null);
    }

    public Coroutine<ClientResponse> post(String url, byte[] data) {
        return request("POST", url, Map.of(), data);
    }

    public Coroutine<ClientResponse> post(String url, String data) {
        return request("POST", url, Map.of("Content-Type", "text/plain; charset=utf-8"), data.getBytes(StandardCharsets.UTF_8));
    }

    public Coroutine<ClientResponse> put(String url, byte[] data) {
        return request("PUT", url, Map.of(), data);
    }

    public Coroutine<ClientResponse> delete(String url) {
        return request("DELETE", url, Map.of(), null);
    }

    /** Sends a request and returns when the status line and headers have arrived. */
    public Coroutine<ClientResponse> request(String method, String url, Map<String, String> headers, byte[] body) {
        return Async.async("ClientSession.request", () -> send(method, url, headers, body));
    }

    private ClientResponse send(String method, String url, Map<String, String> headers, byte[] body) {
        if (closed) {
            throw new AsyncRuntimeError("Session is closed");
        }
        Loop running = Loop.getRunningLoop();
        if (loop == null) {
            loop = running;
            pool = new HttpConnectionPool(limit);
        } else if (loop != running) {
            throw new AsyncRuntimeError("this ClientSession is attached to a different loop");
        }
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new IllegalArgumentException("jaio's ClientSession speaks plain http only, not '" + uri.getScheme()
                    + "': for https, await java.net.http.HttpClient.sendAsync(...)");
        }
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String target = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
        byte[] head = requestHead(method, target, uri.getRawAuthority(), headers, body);
        Double deadline = timeout.total() != null ? loop.time() + timeout.total() : null;
        ResponseContent.ReadGuard guard = new Guard(deadline, timeout.sockRead());
        for (int attempt = 0; ; attempt++) {
            HttpConnectionPool.Connection conn = new Guard(deadline, timeout.connect()).read(
                    Async.async("connect", () -> pool.acquire(loop, host, port)));
            try {
                StreamWriter w = conn.streams.writer();
                w.write(head);
                if (body != null) {
                    w.write(body);
                }
                w.drain().await();
                ClientResponse resp = readResponse(method, url, conn, guard);
                if (raiseForStatus) {
                    resp.raiseForStatus();
                }
                return resp;
            } catch (StaleConnection e) {
                pool.release(conn, false);
                if (attempt > 0) {
                    throw e.failure;
                }
                // The server closed an idle keep-alive connection just before we used it: retry once on a new one.
            } catch (ClientResponseError e) {
                throw e;
            } catch (Throwable t) {
                pool.release(conn, false);
                throw t;
            }
        }
    }

    private byte[] requestHead(String method, String target, String authority, Map<String, String> headers, byte[] body) {
        Map<String, String> all = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        all.put("Host", authority);
        all.putAll(defaultHeaders);
        all.putAll(headers);
        if (body != null) {
            all.put("Content-Length", String.valueOf(body.length));
        }
        StringBuilder sb = new StringBuilder(128).append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        for (var e : all.entrySet()) {
            sb.append(e.getKey()).append(": ").append(e.getValue()).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** A reused connection that turned out to be closed before any response byte came back. */
    private static final class StaleConnection extends RuntimeException {
        final RuntimeException failure;

        StaleConnection(RuntimeException failure) {
            super(failure.getMessage(), null, false, false);
            this.failure = failure;
        }
    }

    private ClientResponse readResponse(String method, String url, HttpConnectionPool.Connection conn, ResponseContent.ReadGuard guard) {
        StreamReader in = conn.streams.reader();
        String statusLine;
        try {
            statusLine = headerLine(guard, in);
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
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new UncheckedIOException(new java.io.IOException("Bad status line from " + url + ": '" + statusLine + "'"));
        }
        String version = parts[0];
        int status = Integer.parseInt(parts[1]);
        String reason = parts.length > 2 ? parts[2] : "";
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        while (true) {
            String line = headerLine(guard, in);
            if (line == null) {
                throw new IncompleteReadError(new byte[0], null);
            }
            if (line.isEmpty()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
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
        return new ClientResponse(method, url, version, status, reason, headers, in, framing, length, keepAlive, guard, pool, conn);
    }

    private static String first(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null ? null : v.get(0);
    }

    /** One CRLF-terminated line of the response head, or null at a clean end of stream. */
    private static String headerLine(ResponseContent.ReadGuard guard, StreamReader in) {
        byte[] raw = guard.read(in.readline());
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
        public <T> T read(Coroutine<T> read) {
            Double when = deadline;
            if (perRead != null) {
                double w = loop.time() + perRead;
                when = when == null ? w : Math.min(when, w);
            }
            if (when == null) {
                return read.await();
            }
            return Timeout.at(when).call(read::await);
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
