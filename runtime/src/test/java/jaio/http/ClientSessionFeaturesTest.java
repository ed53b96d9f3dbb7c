package jaio.http;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import jaio.Coroutine;
import jaio.TimeoutError;
import jaio.SSLCertVerificationError;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** ClientSession as aiohttp users use it, against LocalHttpServer on 127.0.0.1 (plain and HTTPS). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ClientSessionFeaturesTest {
    static LocalHttpServer http;
    static LocalHttpServer https;

    @BeforeAll
    static void start() {
        http = LocalHttpServer.start().route("/hello", "héllo");
        https = LocalHttpServer.startHttps().route("/hello", "héllo");
    }

    @AfterAll
    static void stop() {
        http.close();
        https.close();
    }

    static <T> T withSession(ClientSession session, java.util.function.Function<ClientSession, T> body) {
        return run(async(() -> {
            try (session) {
                return body.apply(session);
            }
        }));
    }

    static String text(ClientSession s, String url) {
        try (var resp = await(s.get(url))) {
            return resp.status() + " " + await(resp.text());
        }
    }

    @Test
    void httpsWithTheServersCertificateTrustedThroughAGivenSslContext() {
        String r = withSession(new ClientSession().ssl(https.clientSslContext()), s -> text(s, https.url("/hello")));
        assertEquals("200 héllo", r);
    }

    @Test
    void httpsWithoutTheContextIsRefusedByTheJdkTrustStore() {
        var e = assertThrows(SSLCertVerificationError.class, () -> withSession(new ClientSession(), s -> text(s, https.url("/hello"))));
        assertTrue(e.getMessage().startsWith("TLS handshake with 127.0.0.1:" + https.port() + " failed: certificate verify failed"), e.getMessage());
    }

    @Test
    void httpsToANameTheCertificateDoesNotCoverIsAHostnameMismatch() {
        try (LocalHttpServer other = LocalHttpServer.startHttps(0, 0, SelfSignedCertificate.generate("localhost"))) {
            var e = assertThrows(SSLCertVerificationError.class, () -> withSession(new ClientSession().ssl(other.clientSslContext()),
                    s -> text(s, other.url("/hello"))));
            assertTrue(e.getMessage().contains("Hostname mismatch, certificate is not valid for '127.0.0.1'"), e.getMessage());
            String byName = withSession(new ClientSession().ssl(other.clientSslContext()),
                    s -> text(s, "https://localhost:" + other.port() + "/hello"));
            assertEquals("404 Not Found", byName);
        }
    }

    @Test
    void eachRedirectCodeIsFollowedWithHistoryAndTheRightMethod() {
        List<String> r = withSession(new ClientSession(), s -> {
            List<String> out = new ArrayList<>();
            for (int code : new int[] {301, 302, 303, 307, 308}) {
                try (var resp = await(s.request("POST", http.url("/redirect/" + code + "?to=/headers"), Map.of(), "x".getBytes()))) {
                    @SuppressWarnings("unchecked")
                    var json = (Map<String, Object>) await(resp.json());
                    out.add(code + ":" + resp.status() + ":" + json.get("method") + ":" + resp.history().size() + ":"
                            + resp.history().get(0).status() + ":" + resp.url().endsWith("/headers"));
                }
            }
            return out;
        });
        assertEquals(List.of("301:200:GET:1:301:true", "302:200:GET:1:302:true", "303:200:GET:1:303:true",
                "307:200:POST:1:307:true", "308:200:POST:1:308:true"), r);
    }

    @Test
    void redirectChainsStopAtTheLimitWithTooManyRedirects() {
        String ok = withSession(new ClientSession(), s -> {
            try (var resp = await(s.get(http.url("/redirects/5")))) {
                return await(resp.text()) + " after " + resp.history().size();
            }
        });
        assertEquals("done after 5", ok);
        var e = assertThrows(TooManyRedirects.class, () -> withSession(new ClientSession().maxRedirects(3), s -> text(s, http.url("/redirects/5"))));
        assertEquals(3, e.history().size());
        String off = withSession(new ClientSession().allowRedirects(false), s -> {
            try (var resp = await(s.get(http.url("/redirects/5")))) {
                return resp.status() + " " + resp.header("Location");
            }
        });
        assertEquals("302 /redirects/4", off);
    }

    @Test
    void gzipAndDeflateBodiesAreDecodedAsTheyArrive() {
        int n = 200_000;
        byte[] expected = LocalHttpServer.generatedBytes("/bytes/" + n, n);
        List<Object> r = withSession(new ClientSession(), s -> {
            List<Object> out = new ArrayList<>();
            for (String enc : new String[] {"gzip", "deflate"}) {
                try (var resp = await(s.get(http.url("/bytes/" + n + "?" + enc + "=1")))) {
                    out.add(resp.header("Content-Encoding"));
                    java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream();
                    for (byte[] piece : resp.content().iterChunked(5000)) {
                        assertTrue(piece.length <= 5000);
                        all.writeBytes(piece);
                    }
                    out.add(all.toByteArray());
                    out.add(resp.content().received() < n);
                }
            }
            try (var resp = await(s.get(http.url("/headers")))) {
                out.add(((Map<?, ?>) ((Map<?, ?>) await(resp.json())).get("headers")).get("Accept-encoding"));
            }
            return out;
        });
        assertEquals("gzip", r.get(0));
        assertArrayEquals(expected, (byte[]) r.get(1));
        assertEquals(true, r.get(2), "the wire carried compressed bytes");
        assertEquals("deflate", r.get(3));
        assertArrayEquals(expected, (byte[]) r.get(4));
        assertEquals("gzip, deflate", r.get(6));
    }

    @Test
    void cookiesAreKeptPerSessionAndSentBack() {
        List<Object> r = withSession(new ClientSession(), s -> {
            await(s.get(http.url("/cookies/set?flavour=oat&size=big"))).close();
            try (var resp = await(s.get(http.url("/cookies")))) {
                return List.of(await(resp.json()), s.cookieJar().size());
            }
        });
        assertEquals(Map.of("flavour", "oat", "size", "big"), r.get(0));
        assertEquals(2, r.get(1));
        Object fresh = withSession(new ClientSession(), s -> {
            try (var resp = await(s.get(http.url("/cookies")))) {
                return await(resp.json());
            }
        });
        assertEquals(Map.of(), fresh, "another session has its own jar");
    }

    @Test
    void basicAuthFromTheSessionOrTheUrl() {
        List<Integer> r = withSession(new ClientSession(), s -> {
            List<Integer> out = new ArrayList<>();
            try (var resp = await(s.get(http.url("/basic-auth/ann/s3cret")))) {
                out.add(resp.status());
            }
            String withUser = http.url("/basic-auth/ann/s3cret").replace("http://", "http://ann:s3cret@");
            try (var resp = await(s.get(withUser))) {
                out.add(resp.status());
            }
            return out;
        });
        assertEquals(List.of(401, 200), r);
        var body = withSession(new ClientSession().auth(new BasicAuth("ann", "s3cret")), s -> {
            try (var resp = await(s.get(http.url("/basic-auth/ann/s3cret")))) {
                return await(resp.json());
            }
        });
        assertEquals(Map.of("authenticated", true, "user", "ann"), body);
    }

    @Test
    void jsonIsParsedAndTheMediaTypeChecked() {
        Object doc = withSession(new ClientSession(), s -> {
            try (var resp = await(s.get(http.url("/json")))) {
                return await(resp.json());
            }
        });
        assertEquals("{name=jaio, tags=[asyncio, java], stars=42, ratio=0.5, ok=true, none=null}", doc.toString());
        var e = assertThrows(ContentTypeError.class, () -> withSession(new ClientSession(), s -> {
            try (var resp = await(s.get(http.url("/hello")))) {
                return await(resp.json());
            }
        }));
        assertTrue(e.getMessage().contains("Attempt to decode JSON with unexpected mimetype: text/html"), e.getMessage());
        Object echoed = withSession(new ClientSession(), s -> {
            try (var resp = await(s.postJson(http.url("/echo"), Map.of("a", List.of(1, 2.5, "x"))))) {
                return await(resp.json());
            }
        });
        assertEquals(Map.of("a", List.of(1L, 2.5, "x")), echoed);
    }

    @Test
    void raiseForStatusOnAFailingEndpoint() {
        var e = assertThrows(ClientResponseError.class, () -> withSession(new ClientSession().raiseForStatus(true), s -> text(s, http.url("/status/503"))));
        assertEquals(503, e.status());
    }

    @Test
    void timeoutsFireTotalConnectAndRead() {
        long t0 = System.nanoTime();
        assertThrows(TimeoutError.class, () -> withSession(new ClientSession(ClientTimeout.total(0.3)), s -> text(s, http.url("/hello?delay=3"))));
        // sock_read: the server sends half the body, then stalls.
        assertThrows(TimeoutError.class, () -> withSession(new ClientSession(new ClientTimeout(null, null, 0.3)),
                s -> text(s, http.url("/bytes/100000?stall=3"))));
        // connect: the only connection is busy with a slow request, so getting one times out.
        String r = withSession(new ClientSession(new ClientTimeout(null, 0.3, null), 1), s -> {
            var slow = createTask(async(() -> text(s, http.url("/hello?delay=1.5"))));
            await(sleep(0.1));
            try {
                text(s, http.url("/hello"));
                return "no timeout";
            } catch (TimeoutError e) {
                return "connect timeout, then " + await(slow);
            }
        });
        assertEquals("connect timeout, then 200 héllo", r);
        assertTrue((System.nanoTime() - t0) / 1e9 < 6, "the timeouts fired late");
    }

    @Test
    void limitPerHostQueuesRequestsToOneHost() {
        LocalHttpServer slow = LocalHttpServer.start(0.3);
        try {
            withSession(new ClientSession().limitPerHost(2), s -> {
                List<Coroutine<String>> fetches = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    fetches.add(async(() -> text(s, slow.url("/bytes/10"))));
                }
                return await(gather(fetches));
            });
            assertEquals(2, slow.maxConcurrentRequests());
        } finally {
            slow.close();
        }
    }

    /**
     * A small forward proxy on jaio streams: CONNECT opens a tunnel (for https), any other request
     * in absolute form is forwarded over a new connection. Counts what it served.
     */
    static final class TestProxy {
        final List<String> requestLines = new ArrayList<>();
        jaio.Server server;

        void start() {
            server = await(jaio.Streams.startServer(this::serve, "127.0.0.1", 0));
        }

        String url() {
            return "http://127.0.0.1:" + server.port();
        }

        private void serve(jaio.StreamReader reader, jaio.StreamWriter writer) {
            String requestLine = new String(await(reader.readline()), java.nio.charset.StandardCharsets.ISO_8859_1).strip();
            requestLines.add(requestLine);
            StringBuilder head = new StringBuilder();
            while (true) {
                String line = new String(await(reader.readline()), java.nio.charset.StandardCharsets.ISO_8859_1);
                if (line.isBlank()) {
                    break;
                }
                head.append(line);
            }
            String[] parts = requestLine.split(" ");
            jaio.Streams upstream;
            if (parts[0].equals("CONNECT")) {
                String[] hp = parts[1].split(":");
                upstream = await(jaio.Streams.openConnection(hp[0], Integer.parseInt(hp[1])));
                writer.write("HTTP/1.1 200 Connection established\r\n\r\n");
            } else {
                java.net.URI u = java.net.URI.create(parts[1]);
                upstream = await(jaio.Streams.openConnection(u.getHost(), u.getPort()));
                upstream.writer().write(parts[0] + " " + u.getRawPath() + (u.getRawQuery() != null ? "?" + u.getRawQuery() : "")
                        + " HTTP/1.1\r\n" + head.toString().replace("Connection: keep-alive\r\n", "") + "Connection: close\r\n\r\n");
            }
            var back = createTask(pump(upstream.reader(), writer));
            await(pump(reader, upstream.writer()));
            await(back);
        }

        private static Coroutine<Void> pump(jaio.StreamReader from, jaio.StreamWriter to) {
            return async(() -> {
                try {
                    while (true) {
                        byte[] b = await(from.read(65536));
                        if (b.length == 0) {
                            break;
                        }
                        to.write(b);
                        await(to.drain());
                    }
                } catch (java.io.UncheckedIOException e) {
                    // One side went away: close the other.
                }
                to.close();
            });
        }
    }

    @Test
    void proxiesForwardHttpAndTunnelHttpsWithConnect() {
        TestProxy proxy = new TestProxy();
        List<String> r = withSession(new ClientSession().ssl(https.clientSslContext()), s -> {
            proxy.start();
            s.proxy(proxy.url());
            try {
                return List.of(text(s, http.url("/hello")), text(s, https.url("/hello")));
            } finally {
                proxy.server.close();
            }
        });
        assertEquals(List.of("200 héllo", "200 héllo"), r);
        assertEquals(List.of("GET " + http.url("/hello") + " HTTP/1.1", "CONNECT 127.0.0.1:" + https.port() + " HTTP/1.1"), proxy.requestLines);
    }

    @Test
    void proxyEnvironmentVariablesAndNoProxy() {
        TestProxy proxy = new TestProxy();
        List<String> r = withSession(new ClientSession().ssl(https.clientSslContext()), s -> {
            proxy.start();
            try {
                s.proxyEnv(Map.of("HTTPS_PROXY", proxy.url(), "http_proxy", proxy.url(), "NO_PROXY", "example.org, localhost"));
                String viaProxy = text(s, https.url("/hello"));
                String direct = text(s, "https://localhost:" + https.port() + "/hello");
                return List.of(viaProxy, direct);
            } finally {
                proxy.server.close();
            }
        });
        assertEquals(List.of("200 héllo", "200 héllo"), r);
        assertEquals(List.of("CONNECT 127.0.0.1:" + https.port() + " HTTP/1.1"), proxy.requestLines);
        ProxySettings env = ProxySettings.fromEnv(Map.of("https_proxy", "proxy.local:3128", "NO_PROXY", ".internal.example,*.ignored"));
        assertEquals("http://proxy.local:3128", String.valueOf(env.proxyFor(java.net.URI.create("https://example.org/"))));
        assertNull(env.proxyFor(java.net.URI.create("https://a.internal.example/")));
        assertNull(env.proxyFor(java.net.URI.create("http://example.org/")), "no http_proxy: http goes direct");
        assertNull(ProxySettings.fromEnv(Map.of("http_proxy", "http://p:1", "no_proxy", "*")).proxyFor(java.net.URI.create("http://x/")));
    }

    @Test
    void aProxyThatRefusesConnectGivesAClearError() {
        var e = assertThrows(ClientHttpProxyError.class, () -> withSession(new ClientSession().ssl(https.clientSslContext())
                .proxy(http.url("/")), s -> text(s, https.url("/hello"))));
        assertTrue(e.getMessage().startsWith("Proxy 127.0.0.1:" + http.port() + " refused to CONNECT to 127.0.0.1:" + https.port()), e.getMessage());
    }

    @Test
    void oneHundredConcurrentHttpsDownloadsGathered() {
        List<Integer> sizes = withSession(new ClientSession().ssl(https.clientSslContext()), s -> {
            List<Coroutine<Integer>> fetches = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int id = i;
                fetches.add(async(() -> {
                    try (var resp = await(s.get(https.url("/bytes/" + (1000 + id))))) {
                        return await(resp.read()).length;
                    }
                }));
            }
            return await(gather(fetches));
        });
        for (int i = 0; i < 100; i++) {
            assertEquals(1000 + i, sizes.get(i));
        }
    }

    @Test
    void fiftyMegabytesStreamWithBoundedMemory() {
        long n = 50L * 1024 * 1024;
        var memory = ManagementFactory.getMemoryMXBean();
        List<Long> r = withSession(new ClientSession().ssl(https.clientSslContext()), s -> {
            System.gc();
            long before = memory.getHeapMemoryUsage().getUsed();
            long total = 0;
            long peak = 0;
            long check = 0;
            try (var resp = await(s.get(https.url("/bytes/" + n)))) {
                for (byte[] piece : resp.content().iterChunked(64 * 1024)) {
                    total += piece.length;
                    if (total - check > 10L * 1024 * 1024) {
                        check = total;
                        System.gc();
                        peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed() - before);
                    }
                }
            }
            return List.of(total, peak);
        });
        assertEquals(n, r.get(0));
        assertTrue(r.get(1) < 16L * 1024 * 1024, "heap grew by " + r.get(1) + " bytes while streaming 50 MB");
    }
}
