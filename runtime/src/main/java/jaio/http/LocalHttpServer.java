package jaio.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import javax.net.ssl.SSLContext;

/**
 * A local HTTP/1.1 server for notebooks, tests and benchmarks: it stands in for the web sites the
 * seeds download from. It listens on 127.0.0.1 on an ephemeral port, answers each request after a
 * configurable delay, and serves many slow requests at once.
 *
 * <p>It wraps the JDK's {@code com.sun.net.httpserver} with a virtual thread per request, so a
 * delayed request holds no platform thread, and it does not use any jaio loop: start and stop it
 * from plain Java or from a task alike (both return at once), and it keeps answering while the
 * loop is blocked — which is what a remote server does.
 *
 * <p>{@link #startHttps()} serves HTTPS with a certificate made at start
 * ({@link SelfSignedCertificate}, for localhost and 127.0.0.1); {@link #clientSslContext()} is
 * a client context that trusts it.
 *
 * <p>What it serves, after the delay:
 * <ul>
 * <li>routes added with {@link #route}, {@link #routeFile}, {@link #routePrefix};</li>
 * <li>{@code /bytes/N}: N deterministic bytes ({@link #generatedBytes}), made as they are sent
 *     (so 50 MB cost the server no memory);</li>
 * <li>{@code /redirect/CODE?to=URL}: status CODE with {@code Location: URL};
 *     {@code /redirects/N}: a chain of N 302 redirects ending at {@code /redirects/0} ("done");</li>
 * <li>{@code /status/CODE}: that status; {@code /headers}: the request's method and headers as
 *     JSON; {@code /json}: a small JSON document; {@code /echo}: the request body back;</li>
 * <li>{@code /cookies/set?NAME=VALUE...}: sets those cookies; {@code /cookies}: the cookies
 *     received, as JSON;</li>
 * <li>{@code /basic-auth/USER/PASSWORD}: 200 with those credentials, 401 otherwise;</li>
 * <li>any other path ending in {@code .jpg}, {@code .jpeg} or {@code .png}: a small valid image whose
 *     colour depends on the path ({@link #generatedImage});</li>
 * <li>404 otherwise.</li>
 * </ul>
 * Query parameters for any path: {@code delay=S} overrides the delay; {@code chunked=1} sends the
 * body chunked; {@code gzip=1} or {@code deflate=1} compress it (with Content-Encoding);
 * {@code stall=S} sends half the body, waits S seconds, then the rest (a slow server);
 * {@code truncate=K} announces the full length but closes the connection after K bytes (a server
 * dying mid-body).
 */
public final class LocalHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final SelfSignedCertificate cert;
    private SSLContext clientContext;
    private volatile double delay;
    private final Map<String, Route> routes = new ConcurrentHashMap<>();
    private final Map<String, Function<String, byte[]>> prefixes = new ConcurrentHashMap<>();
    private final AtomicLong requests = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger maxInFlight = new AtomicInteger();

    private record Route(String contentType, byte[] body) {}

    static {
        // The JDK server writes headers and body separately; with Nagle's algorithm on, a client's
        // delayed ACK then adds 40 ms to every keep-alive response. Must be set before its first use.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    private LocalHttpServer(int port, double delay, int backlog, SelfSignedCertificate cert) {
        this.delay = delay;
        this.cert = cert;
        try {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
            if (cert != null) {
                HttpsServer https = HttpsServer.create(address, backlog);
                https.setHttpsConfigurator(new HttpsConfigurator(cert.serverContext()));
                server = https;
            } else {
                server = HttpServer.create(address, backlog);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the local HTTP server on 127.0.0.1:" + port, e);
        }
        executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("local-http-", 0).factory());
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on an ephemeral port that answers at once. */
    public static LocalHttpServer start() {
        return start(0.0);
    }

    /** Starts a server on an ephemeral port that answers each request after {@code delaySeconds}. */
    public static LocalHttpServer start(double delaySeconds) {
        return new LocalHttpServer(0, delaySeconds, 1024, null);
    }

    /**
     * Starts a test HTTP server on 127.0.0.1:{@code port} (0: any free port) answering after {@code
     * delaySeconds}.
     */
    public static LocalHttpServer start(int port, double delaySeconds) {
        return new LocalHttpServer(port, delaySeconds, 1024, null);
    }

    /** Starts an HTTPS server on an ephemeral port, with a new self-signed certificate for localhost and 127.0.0.1. */
    public static LocalHttpServer startHttps() {
        return startHttps(0, 0.0);
    }

    /** As {@link #start(int, double)}, over HTTPS with a self-signed certificate. */
    public static LocalHttpServer startHttps(int port, double delaySeconds) {
        return startHttps(port, delaySeconds, SelfSignedCertificate.generate());
    }

    /** An HTTPS server with the certificate given (e.g. one for other names, to see host name checks fail). */
    public static LocalHttpServer startHttps(int port, double delaySeconds, SelfSignedCertificate certificate) {
        return new LocalHttpServer(port, delaySeconds, 1024, certificate);
    }

    /** Whether it serves HTTPS. */
    public boolean isHttps() {
        return cert != null;
    }

    /** A client TLS context that trusts this server's certificate (and nothing else); null for plain HTTP. */
    public synchronized SSLContext clientSslContext() {
        if (cert != null && clientContext == null) {
            clientContext = cert.clientContext();
        }
        return clientContext;
    }

    /** The server's certificate, or null for plain HTTP. */
    public SelfSignedCertificate certificate() {
        return cert;
    }

    /** Sets the delay for the next requests. */
    public LocalHttpServer delay(double seconds) {
        this.delay = seconds;
        return this;
    }

    /** How long it waits before answering, in seconds. */
    public double delay() {
        return delay;
    }

    /** Serves {@code body} at {@code path}. */
    public LocalHttpServer route(String path, String contentType, byte[] body) {
        routes.put(path, new Route(contentType, body.clone()));
        return this;
    }

    /** Serves {@code text} (UTF-8, text/html) at {@code path}. */
    public LocalHttpServer route(String path, String text) {
        return route(path, "text/html; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** Serves the file's bytes at {@code path} (read now). */
    public LocalHttpServer routeFile(String path, Path file) {
        try {
            return route(path, contentTypeOf(file.toString()), Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Serves every path starting with {@code prefix} with the bytes {@code body} makes from the path. */
    public LocalHttpServer routePrefix(String prefix, Function<String, byte[]> body) {
        prefixes.put(prefix, body);
        return this;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT} (or https) followed by {@code path}. */
    public String url(String path) {
        return (cert != null ? "https" : "http") + "://127.0.0.1:" + port() + (path.startsWith("/") ? path : "/" + path);
    }

    /** Requests answered or being answered since start. */
    public long requestCount() {
        return requests.get();
    }

    /** The largest number of requests that were being answered at the same time. */
    public int maxConcurrentRequests() {
        return maxInFlight.get();
    }

    /** Stops at once: open connections are closed. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        int now = inFlight.incrementAndGet();
        maxInFlight.accumulateAndGet(now, Math::max);
        // Counted out before the exchange closes: a small body leaves at close, and a client that
        // reuses the connection at once must not be counted twice.
        try (ex; var counted = (AutoCloseable) inFlight::decrementAndGet) {
            URI uri = ex.getRequestURI();
            Map<String, String> query = parseQuery(uri.getRawQuery());
            byte[] requestBody = ex.getRequestBody().readAllBytes();
            double d = query.containsKey("delay") ? Double.parseDouble(query.get("delay")) : delay;
            if (d > 0) {
                try {
                    Thread.sleep((long) (d * 1000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            respond(ex, uri.getPath(), query, requestBody);
        } catch (Exception e) {
            throw e instanceof IOException io ? io : new IOException(e);
        }
    }

    private void respond(HttpExchange ex, String path, Map<String, String> query, byte[] requestBody) throws IOException {
        String[] parts = path.split("/");
        Route r = routes.get(path);
        Function<String, byte[]> prefix = null;
        if (r == null) {
            for (var e : prefixes.entrySet()) {
                if (path.startsWith(e.getKey())) {
                    prefix = e.getValue();
                }
            }
        }
        if (r != null) {
            send(ex, 200, r.contentType(), r.body(), query);
        } else if (prefix != null) {
            send(ex, 200, contentTypeOf(path), prefix.apply(path), query);
        } else if (path.startsWith("/bytes/")) {
            long n = Long.parseLong(path.substring("/bytes/".length()));
            send(ex, 200, "application/octet-stream", new Body(n, (from, len) -> generatedBytes(path, from, len)), query);
        } else if (parts.length == 3 && parts[1].equals("redirect")) {
            ex.getResponseHeaders().set("Location", query.getOrDefault("to", "/"));
            send(ex, Integer.parseInt(parts[2]), "text/plain; charset=utf-8", utf8("redirecting"), Map.of());
        } else if (parts.length == 3 && parts[1].equals("redirects")) {
            int n = Integer.parseInt(parts[2]);
            if (n > 0) {
                ex.getResponseHeaders().set("Location", "/redirects/" + (n - 1));
                send(ex, 302, "text/plain; charset=utf-8", utf8("redirecting"), Map.of());
            } else {
                send(ex, 200, "text/plain; charset=utf-8", utf8("done"), query);
            }
        } else if (parts.length == 3 && parts[1].equals("status")) {
            int code = Integer.parseInt(parts[2]);
            send(ex, code, "text/plain; charset=utf-8", utf8("status " + code), query);
        } else if (path.equals("/headers")) {
            Map<String, Object> h = new java.util.TreeMap<>();
            ex.getRequestHeaders().forEach((k, v) -> h.put(k, String.join(", ", v)));
            send(ex, 200, "application/json", utf8(Json.dumps(Map.of("method", ex.getRequestMethod(), "headers", h))), query);
        } else if (path.equals("/json")) {
            send(ex, 200, "application/json", utf8("{\"name\": \"jaio\", \"tags\": [\"asyncio\", \"java\"], \"stars\": 42, \"ratio\": 0.5, \"ok\": true, \"none\": null}"), query);
        } else if (path.equals("/echo")) {
            String ct = ex.getRequestHeaders().getFirst("Content-Type");
            send(ex, 200, ct == null ? "application/octet-stream" : ct, requestBody, query);
        } else if (path.equals("/cookies/set")) {
            for (var e : query.entrySet()) {
                ex.getResponseHeaders().add("Set-Cookie", e.getKey() + "=" + e.getValue() + "; Path=/");
            }
            send(ex, 200, "text/plain; charset=utf-8", utf8("ok"), Map.of());
        } else if (path.equals("/cookies")) {
            Map<String, Object> c = new java.util.TreeMap<>();
            String header = ex.getRequestHeaders().getFirst("Cookie");
            if (header != null) {
                for (String pair : header.split(";")) {
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        c.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
                    }
                }
            }
            send(ex, 200, "application/json", utf8(Json.dumps(c)), query);
        } else if (parts.length == 4 && parts[1].equals("basic-auth")) {
            String expected = new BasicAuth(parts[2], parts[3]).encode();
            if (expected.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 200, "application/json", utf8("{\"authenticated\": true, \"user\": \"" + parts[2] + "\"}"), query);
            } else {
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"jaio\"");
                send(ex, 401, "text/plain; charset=utf-8", utf8("Unauthorized"), Map.of());
            }
        } else if (path.endsWith(".jpg") || path.endsWith(".jpeg") || path.endsWith(".png")) {
            send(ex, 200, contentTypeOf(path), generatedImage(path, path.endsWith(".png") ? "png" : "jpeg"), query);
        } else {
            send(ex, 404, "text/plain; charset=utf-8", utf8("Not Found"), Map.of());
        }
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** A response body of {@code length} bytes, made piece by piece. */
    private record Body(long length, java.util.function.BiFunction<Long, Integer, byte[]> piece) {
        static Body of(byte[] b) {
            return new Body(b.length, (from, len) -> java.util.Arrays.copyOfRange(b, (int) (long) from, (int) (from + len)));
        }
    }

    private void send(HttpExchange ex, int status, String contentType, byte[] body, Map<String, String> query) throws IOException {
        send(ex, status, contentType, Body.of(body), query);
    }

    /** Sends the status, headers and body, applying the chunked, gzip, deflate, stall and truncate query parameters. */
    private void send(HttpExchange ex, int status, String contentType, Body body, Map<String, String> query) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        String encoding = query.containsKey("gzip") ? "gzip" : query.containsKey("deflate") ? "deflate" : null;
        if (encoding != null) {
            ex.getResponseHeaders().set("Content-Encoding", encoding);
        }
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        if (status == 204 || status == 304) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        boolean chunked = query.containsKey("chunked") || encoding != null;
        ex.sendResponseHeaders(status, chunked ? 0 : body.length() == 0 ? -1 : body.length());
        OutputStream raw = ex.getResponseBody();
        OutputStream out = "gzip".equals(encoding) ? new GZIPOutputStream(raw, 8192, true)
                : "deflate".equals(encoding) ? new DeflaterOutputStream(raw, true) : raw;
        long truncate = query.containsKey("truncate") ? Long.parseLong(query.get("truncate")) : -1;
        long stallAt = query.containsKey("stall") ? body.length() / 2 : -1;
        int piece = chunked ? 4096 : 64 * 1024;
        for (long off = 0; off < body.length(); ) {
            long end = Math.min(body.length(), off + piece);
            if (truncate >= 0 && end > truncate) {
                end = truncate;
            }
            if (stallAt > off && end > stallAt) {
                end = stallAt;
            }
            if (end > off) {
                out.write(body.piece().apply(off, (int) (end - off)));
                off = end;
            }
            if (off == truncate) {
                out.flush();
                // Closing the connection under the exchange: the client sees the stream end early.
                throw new IOException("truncated on purpose after " + off + " bytes");
            }
            if (off == stallAt) {
                out.flush();
                stallAt = -1;
                try {
                    Thread.sleep((long) (Double.parseDouble(query.get("stall")) * 1000));
                } catch (InterruptedException e) {
                    throw new IOException("stopped while stalling", e);
                }
            }
            if (chunked) {
                out.flush();
            }
        }
        if (out != raw) {
            out.close();
        }
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> q = new ConcurrentHashMap<>();
        if (raw == null) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                q.put(pair.substring(0, eq), pair.substring(eq + 1));
            } else if (!pair.isEmpty()) {
                q.put(pair, "");
            }
        }
        return q;
    }

    private static String contentTypeOf(String name) {
        String n = name.toLowerCase();
        if (n.endsWith(".jpg") || n.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (n.endsWith(".png")) {
            return "image/png";
        }
        if (n.endsWith(".html") || n.endsWith("/")) {
            return "text/html; charset=utf-8";
        }
        if (n.endsWith(".txt")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }

    /** {@code n} bytes that depend only on the path and position: what {@code /bytes/N} serves. */
    public static byte[] generatedBytes(String path, int n) {
        return generatedBytes(path, 0, n);
    }

    /** Bytes {@code from} to {@code from + n} of what {@code /bytes/N} serves at {@code path}. */
    public static byte[] generatedBytes(String path, long from, int n) {
        byte[] b = new byte[n];
        int seed = path.hashCode();
        for (int k = 0; k < n; k++) {
            long i = from + k;
            b[k] = (byte) (seed + i * 31 + (i >>> 8));
        }
        return b;
    }

    /** A small valid image (64x48, "jpeg" or "png") whose colour depends on the path. */
    public static byte[] generatedImage(String path, String format) {
        int h = path.hashCode();
        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(new Color(h & 0xffffff));
        g.fillRect(0, 0, 64, 48);
        g.setColor(new Color(~h & 0xffffff));
        g.fillOval(8, 8, 32, 32);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "<LocalHttpServer " + url("/") + " delay=" + delay + ">";
    }

    /**
     * Runs a server from the command line: {@code [port] [delaySeconds] [--https CERT.pem]}, the
     * last serving HTTPS and writing its certificate (PEM) for clients to trust; stops on Ctrl-C.
     */
    public static void main(String[] args) throws InterruptedException, IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        double d = args.length > 1 ? Double.parseDouble(args[1]) : 0.0;
        boolean https = args.length > 3 && args[2].equals("--https");
        LocalHttpServer s = https ? startHttps(port, d) : start(port, d);
        if (https) {
            Files.writeString(Path.of(args[3]), s.certificate().pem());
        }
        System.out.println(s.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
