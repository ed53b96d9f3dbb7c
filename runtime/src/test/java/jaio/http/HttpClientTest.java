package jaio.http;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import jaio.*;
import java.io.ByteArrayOutputStream;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class HttpClientTest {
    LocalHttpServer server;

    @BeforeEach
    void start() {
        server = LocalHttpServer.start();
        server.route("/hello", "héllo");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void getTextStatusAndHeaders() {
        String r = run(async(() -> {
            try (var session = new ClientSession(); var resp = await(session.get(server.url("/hello")))) {
                return resp.status() + " " + resp.reason() + " " + resp.contentType() + " " + resp.charset() + " " + await(resp.text());
            }
        }));
        assertEquals("200 OK text/html utf-8 héllo", r);
    }

    @Test
    void contentLengthAndChunkedBodiesArriveIntact() {
        int n = 300_000;
        byte[] expected = LocalHttpServer.generatedBytes("/bytes/" + n, n);
        List<Object> r = run(async(() -> {
            try (var session = new ClientSession()) {
                var plain = await(session.get(server.url("/bytes/" + n)));
                byte[] a = await(plain.read());
                var chunked = await(session.get(server.url("/bytes/" + n + "?chunked=1")));
                String te = chunked.header("transfer-encoding");
                ByteArrayOutputStream pieces = new ByteArrayOutputStream();
                int count = 0;
                for (byte[] piece : chunked.content().iterChunked(1000)) {
                    assertTrue(piece.length <= 1000);
                    pieces.writeBytes(piece);
                    count++;
                }
                chunked.close();
                return List.of(a, te, pieces.toByteArray(), count, plain.contentLength());
            }
        }));
        assertArrayEquals(expected, (byte[]) r.get(0));
        assertEquals("chunked", r.get(1));
        assertArrayEquals(expected, (byte[]) r.get(2));
        assertTrue((int) r.get(3) >= 300);
        assertEquals((long) n, r.get(4));
    }

    @Test
    void sequentialRequestsReuseOneKeepAliveConnection() {
        int idle = run(async(() -> {
            try (var session = new ClientSession()) {
                for (int i = 0; i < 5; i++) {
                    try (var resp = await(session.get(server.url("/bytes/100")))) {
                        assertEquals(100, await(resp.read()).length);
                    }
                }
                return sessionIdle(session);
            }
        }));
        assertEquals(1, idle);
    }

    static int sessionIdle(ClientSession s) throws Exception {
        var f = ClientSession.class.getDeclaredField("pool");
        f.setAccessible(true);
        return ((HttpConnectionPool) f.get(s)).idleCount();
    }

    @Test
    void twentyConcurrentFetchesOfASlowEndpointOverlap() {
        server.delay(1.0);
        long t0 = System.nanoTime();
        List<Integer> statuses = run(async(() -> {
            try (var session = new ClientSession()) {
                List<Coroutine<Integer>> fetches = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                    fetches.add(async(() -> {
                        try (var resp = await(session.get(server.url("/hello")))) {
                            await(resp.read());
                            return resp.status();
                        }
                    }));
                }
                return await(gather(fetches));
            }
        }));
        double s = (System.nanoTime() - t0) / 1e9;
        assertEquals(20, statuses.size());
        assertTrue(statuses.stream().allMatch(x -> x == 200));
        assertTrue(s < 1.7, "20 concurrent 1 s requests took " + s);
    }

    @Test
    void localServerHandlesTwoHundredConcurrentSlowRequests() {
        server.delay(0.5);
        long t0 = System.nanoTime();
        List<Integer> sizes = run(async(() -> {
            try (var session = new ClientSession(ClientTimeout.DEFAULT, 0)) {
                List<Coroutine<Integer>> fetches = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int id = i;
                    fetches.add(async(() -> {
                        try (var resp = await(session.get(server.url("/bytes/" + (1000 + id))))) {
                            return await(resp.read()).length;
                        }
                    }));
                }
                return await(gather(fetches));
            }
        }));
        double s = (System.nanoTime() - t0) / 1e9;
        for (int i = 0; i < 200; i++) {
            assertEquals(1000 + i, sizes.get(i));
        }
        assertTrue(server.maxConcurrentRequests() >= 150, "max concurrent " + server.maxConcurrentRequests());
        assertTrue(s < 2.5, "200 concurrent 0.5 s requests took " + s);
    }

    @Test
    void raiseForStatusNamesStatusReasonAndUrl() {
        String url = server.url("/missing");
        ClientResponseError e = assertThrows(ClientResponseError.class, () -> run(async(() -> {
            try (var session = new ClientSession().raiseForStatus(true)) {
                return await(session.get(url));
            }
        })));
        assertEquals("404, message='Not Found', url='" + url + "'", e.getMessage());
        assertEquals(404, e.status());
    }

    @Test
    void serverClosingMidBodyRaisesIncompleteReadError() {
        IncompleteReadError e = assertThrows(IncompleteReadError.class, () -> run(async(() -> {
            try (var session = new ClientSession(); var resp = await(session.get(server.url("/bytes/50000?truncate=1000")))) {
                return await(resp.read());
            }
        })));
        assertEquals(50000, e.expected());
        assertEquals(1000, e.partial().length);
        assertArrayEquals(Arrays.copyOf(LocalHttpServer.generatedBytes("/bytes/50000", 50000), 1000), e.partial());
    }

    @Test
    void sockReadTimeoutRaisesTimeoutError() {
        long t0 = System.nanoTime();
        assertThrows(TimeoutError.class, () -> run(async(() -> {
            try (var session = new ClientSession(new ClientTimeout(null, null, 0.2), 10)) {
                return await(session.get(server.url("/hello?delay=3")));
            }
        })));
        assertTrue((System.nanoTime() - t0) / 1e9 < 2.0);
    }

    @Test
    void waitForAroundARequestTimesOut() {
        String r = run(async(() -> {
            try (var session = new ClientSession()) {
                try {
                    await(waitFor(session.get(server.url("/hello?delay=3")), 0.2));
                    return "no timeout";
                } catch (TimeoutError e) {
                    // The session is still usable afterwards.
                    try (var resp = await(session.get(server.url("/hello")))) {
                        return "timeout then " + await(resp.text());
                    }
                }
            }
        }));
        assertEquals("timeout then héllo", r);
    }

    @Test
    void connectionRefusedNamesHostAndPort() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        int p = port;
        ConnectionRefusedError e = assertThrows(ConnectionRefusedError.class, () -> run(async(() -> {
            try (var session = new ClientSession()) {
                return await(session.get("http://127.0.0.1:" + p + "/"));
            }
        })));
        assertTrue(e.getMessage().contains("('127.0.0.1', " + port + ")"), e.getMessage());
    }

    @Test
    void anotherSchemeIsRefusedWithAnExplanation() {
        var e = assertThrows(IllegalArgumentException.class, () -> run(async(() -> {
            try (var session = new ClientSession()) {
                return await(session.get("ftp://127.0.0.1/file"));
            }
        })));
        assertEquals("ClientSession speaks http and https, not 'ftp': ftp://127.0.0.1/file", e.getMessage());
    }

    @Test
    void limitQueuesRequestsBeyondIt() {
        server.delay(0.3);
        long t0 = System.nanoTime();
        run(async(() -> {
            try (var session = new ClientSession(ClientTimeout.DEFAULT, 2)) {
                List<Coroutine<byte[]>> fetches = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    fetches.add(async(() -> {
                        try (var resp = await(session.get(server.url("/hello")))) {
                            return await(resp.read());
                        }
                    }));
                }
                await(gather(fetches));
            }
        }));
        double s = (System.nanoTime() - t0) / 1e9;
        assertTrue(server.maxConcurrentRequests() <= 2, "max concurrent " + server.maxConcurrentRequests());
        assertTrue(s >= 0.55 && s < 1.5, "4 requests through 2 connections took " + s);
    }
}
