package jaio.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import javax.imageio.ImageIO;

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
 * <p>What it serves, after the delay:
 * <ul>
 * <li>routes added with {@link #route}, {@link #routeFile}, {@link #routePrefix};</li>
 * <li>{@code /bytes/N}: N deterministic bytes ({@link #generatedBytes}), with Content-Length, or
 *     chunked with {@code ?chunked=1};</li>
 * <li>any other path ending in {@code .jpg}, {@code .jpeg} or {@code .png}: a small valid image whose
 *     colour depends on the path ({@link #generatedImage});</li>
 * <li>404 otherwise.</li>
 * </ul>
 * Query parameters for any path: {@code delay=S} overrides the delay; {@code truncate=K} announces
 * the full length but closes the connection after K bytes (a server dying mid-body).
 */
public final class LocalHttpServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
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

    private LocalHttpServer(int port, double delay, int backlog) {
        this.delay = delay;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
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
        return new LocalHttpServer(0, delaySeconds, 1024);
    }

    public static LocalHttpServer start(int port, double delaySeconds) {
        return new LocalHttpServer(port, delaySeconds, 1024);
    }

    /** Sets the delay for the next requests. */
    public LocalHttpServer delay(double seconds) {
        this.delay = seconds;
        return this;
    }

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

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT} followed by {@code path}. */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + (path.startsWith("/") ? path : "/" + path);
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
        try (ex) {
            URI uri = ex.getRequestURI();
            Map<String, String> query = parseQuery(uri.getRawQuery());
            ex.getRequestBody().readAllBytes();
            double d = query.containsKey("delay") ? Double.parseDouble(query.get("delay")) : delay;
            if (d > 0) {
                try {
                    Thread.sleep((long) (d * 1000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            respond(ex, uri.getPath(), query);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void respond(HttpExchange ex, String path, Map<String, String> query) throws IOException {
        String contentType;
        byte[] body;
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
            contentType = r.contentType();
            body = r.body();
        } else if (prefix != null) {
            contentType = contentTypeOf(path);
            body = prefix.apply(path);
        } else if (path.startsWith("/bytes/")) {
            contentType = "application/octet-stream";
            body = generatedBytes(path, Integer.parseInt(path.substring("/bytes/".length())));
        } else if (path.endsWith(".jpg") || path.endsWith(".jpeg") || path.endsWith(".png")) {
            contentType = contentTypeOf(path);
            body = generatedImage(path, path.endsWith(".png") ? "png" : "jpeg");
        } else {
            byte[] msg = "Not Found".getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            ex.sendResponseHeaders(404, msg.length);
            ex.getResponseBody().write(msg);
            return;
        }
        ex.getResponseHeaders().set("Content-Type", contentType);
        boolean chunked = "1".equals(query.get("chunked"));
        if ("HEAD".equals(ex.getRequestMethod())) {
            ex.sendResponseHeaders(200, -1);
            return;
        }
        ex.sendResponseHeaders(200, chunked ? 0 : body.length);
        OutputStream out = ex.getResponseBody();
        if (query.containsKey("truncate")) {
            int k = Math.min(body.length, Integer.parseInt(query.get("truncate")));
            out.write(body, 0, k);
            out.flush();
            // Closing the connection under the exchange: the client sees the stream end early.
            throw new IOException("truncated on purpose after " + k + " bytes");
        }
        if (chunked) {
            for (int off = 0; off < body.length; off += 4096) {
                out.write(body, off, Math.min(4096, body.length - off));
                out.flush();
            }
        } else {
            out.write(body);
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
        byte[] b = new byte[n];
        int seed = path.hashCode();
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + i * 31 + (i >>> 8));
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

    /** Runs a server from the command line: {@code [port] [delaySeconds]}; stops on Ctrl-C. */
    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        double d = args.length > 1 ? Double.parseDouble(args[1]) : 0.0;
        LocalHttpServer s = start(port, d);
        System.out.println(s.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
