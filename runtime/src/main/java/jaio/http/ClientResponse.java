package jaio.http;

import jaio.Async;
import jaio.AsyncCallable;
import jaio.Coroutine;
import jaio.StreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An HTTP response whose status line and headers have arrived (aiohttp.ClientResponse); the body
 * is read with {@link #read()}, {@link #text()} or piece by piece through {@link #content()}.
 *
 * <p>Use it in try-with-resources, the counterpart of {@code async with session.get(url) as resp}:
 * {@link #close()} gives the connection back to the pool if the body was read to the end, and
 * closes it otherwise.
 */
public final class ClientResponse implements AutoCloseable {
    private final String method;
    private final String url;
    private final int status;
    private final String reason;
    private final String version;
    private final Map<String, List<String>> headers;
    private final ResponseContent content;
    private final Release release;
    private byte[] body;
    private List<ClientResponse> history = List.of();

    ClientResponse(String method, String url, String version, int status, String reason, Map<String, List<String>> headers,
                   StreamReader in, ResponseContent.Framing framing, long length, boolean keepAlive,
                   ResponseContent.ReadGuard guard, HttpConnectionPool pool, HttpConnectionPool.Connection conn,
                   ContentDecoder decoder) {
        this.method = method;
        this.url = url;
        this.version = version;
        this.status = status;
        this.reason = reason;
        this.headers = Collections.unmodifiableMap(headers);
        this.release = new Release(pool, conn, keepAlive);
        this.content = new ResponseContent(in, framing, length, release, guard, decoder);
    }

    /**
     * Gives the connection back exactly once: run when the body is complete (kept for reuse if
     * the response allows it), {@link #close()} when it is not (closed).
     */
    private static final class Release implements Runnable {
        private final HttpConnectionPool pool;
        private final HttpConnectionPool.Connection conn;
        private final boolean keepAlive;
        private boolean released;

        Release(HttpConnectionPool pool, HttpConnectionPool.Connection conn, boolean keepAlive) {
            this.pool = pool;
            this.conn = conn;
            this.keepAlive = keepAlive;
        }

        @Override
        public void run() {
            release(keepAlive);
        }

        void close() {
            release(false);
        }

        private void release(boolean reusable) {
            if (!released) {
                released = true;
                pool.release(conn, reusable);
            }
        }
    }

    /** The HTTP status code, e.g. 200 (aiohttp's {@code response.status}). */
    public int status() {
        return status;
    }

    /** The status line's reason, e.g. OK (aiohttp's {@code response.reason}). */
    public String reason() {
        return reason;
    }

    /** The request method, e.g. GET (aiohttp's {@code response.method}). */
    public String method() {
        return method;
    }

    /** The URL of the response, after redirects (aiohttp's {@code response.url}). */
    public String url() {
        return url;
    }

    /** The responses of the redirects that led here, oldest first (aiohttp's history). */
    public List<ClientResponse> history() {
        return history;
    }

    void setHistory(List<ClientResponse> h) {
        history = List.copyOf(h);
    }

    /** "HTTP/1.1" or "HTTP/1.0". */
    public String version() {
        return version;
    }

    /** All headers, names case-insensitive. */
    public Map<String, List<String>> headers() {
        return headers;
    }

    /** The first value of header {@code name}, or null. */
    public String header(String name) {
        List<String> v = headers.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    /** The media type without parameters, e.g. "text/html" (aiohttp's content_type). */
    public String contentType() {
        String ct = header("Content-Type");
        if (ct == null) {
            return "application/octet-stream";
        }
        int semi = ct.indexOf(';');
        return (semi >= 0 ? ct.substring(0, semi) : ct).trim().toLowerCase();
    }

    /** The Content-Length header, or null. */
    public Long contentLength() {
        String cl = header("Content-Length");
        return cl == null ? null : Long.parseLong(cl.trim());
    }

    /** The charset named in Content-Type, or null. */
    public String charset() {
        String ct = header("Content-Type");
        if (ct == null) {
            return null;
        }
        for (String part : ct.split(";")) {
            String p = part.trim();
            if (p.toLowerCase().startsWith("charset=")) {
                return p.substring(8).replace("\"", "").trim();
            }
        }
        return null;
    }

    /** Whether the status is below 400. */
    public boolean ok() {
        return status < 400;
    }

    /** Raises {@link ClientResponseError} for a status of 400 or more (releasing the connection). */
    public void raiseForStatus() {
        if (!ok()) {
            close();
            throw new ClientResponseError(status, reason, url);
        }
    }

    /** The body as it arrives. */
    public ResponseContent content() {
        return content;
    }

    /** The whole body (read once, then kept). */
    public Coroutine<byte[]> read() {
        return Async.async("ClientResponse.read", new ReadBody());
    }

    /** {@link #read()}'s body. */
    private final class ReadBody implements AsyncCallable<byte[]> {
        @Override
        public byte[] call() {
            if (body == null) {
                try {
                    body = content.readRest();
                } catch (RuntimeException | Error e) {
                    release.close();
                    throw e;
                }
            }
            return body;
        }
    }

    /** The body decoded with the response's charset, UTF-8 if it names none. */
    public Coroutine<String> text() {
        return Async.async("ClientResponse.text", () -> {
            String cs = charset();
            Charset charset = cs == null ? StandardCharsets.UTF_8 : Charset.forName(cs);
            return new String(read().await(), charset);
        });
    }

    /**
     * The body parsed as JSON ({@link Json#parse}: maps, lists, strings, numbers, booleans, null),
     * after checking the Content-Type is application/json as aiohttp does; see {@link #json(String)}.
     */
    public Coroutine<Object> json() {
        return json("application/json");
    }

    /** The body parsed as JSON, requiring media type {@code contentType} (null: no check, aiohttp's content_type=None). */
    public Coroutine<Object> json(String contentType) {
        return Async.async("ClientResponse.json", () -> {
            if (contentType != null && !contentType().equals(contentType) && !contentType().endsWith("+json")) {
                throw new ContentTypeError(status, "Attempt to decode JSON with unexpected mimetype: " + contentType(), url);
            }
            String t = text().await().strip();
            return t.isEmpty() ? null : Json.parse(t);
        });
    }

    /** The body decoded with {@code charset} (aiohttp's {@code await response.text(encoding)}). */
    public Coroutine<String> text(Charset charset) {
        return Async.async("ClientResponse.text", () -> new String(read().await(), charset));
    }

    /** Gives the connection back: to the pool if the body was read to the end, else closed. */
    public void release() {
        if (!content.atEof()) {
            release.close();
        }
    }

    @Override
    public void close() {
        release();
    }

    @Override
    public String toString() {
        return "<ClientResponse(" + url + ") [" + status + " " + reason + "]>";
    }
}
