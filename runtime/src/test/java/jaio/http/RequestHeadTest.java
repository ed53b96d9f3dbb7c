package jaio.http;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import jaio.Server;
import jaio.Streams;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The exact request head ClientSession writes: header names as given, sorted case-insensitively, later settings winning. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class RequestHeadTest {
    /** Sends one GET per header map through {@code session} to a raw server; returns each request head as it arrived. */
    private static List<String> heads(ClientSession session, List<Map<String, String>> perRequest) {
        return run(async(() -> {
            List<String> got = new ArrayList<>();
            Server server = await(Streams.startServer((reader, writer) -> {
                while (true) {
                    ByteArrayOutputStream head = new ByteArrayOutputStream();
                    while (true) {
                        byte[] line = await(reader.readline());
                        if (line.length == 0) {
                            writer.close();
                            return;
                        }
                        head.writeBytes(line);
                        if (line.length == 2) {
                            break;
                        }
                    }
                    got.add(head.toString(StandardCharsets.ISO_8859_1));
                    writer.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.ISO_8859_1));
                    await(writer.drain());
                }
            }, "127.0.0.1", 0));
            try (session) {
                for (Map<String, String> h : perRequest) {
                    try (var resp = await(session.get("http://127.0.0.1:" + server.port() + "/p?q=1", h))) {
                        assertEquals("ok", await(resp.text()));
                    }
                }
            }
            server.close();
            await(server.waitClosed());
            return got;
        }));
    }

    @Test
    void defaultHeadIsSortedWithHost() {
        List<String> h = heads(new ClientSession(), List.of(Map.of(), Map.of()));
        assertEquals(2, h.size());
        String port = h.get(0).replaceAll("(?s).*Host: 127\\.0\\.0\\.1:(\\d+).*", "$1");
        String expected = "GET /p?q=1 HTTP/1.1\r\nAccept: */*\r\nAccept-Encoding: gzip, deflate\r\nHost: 127.0.0.1:" + port
                + "\r\nUser-Agent: jaio\r\n\r\n";
        assertEquals(expected, h.get(0));
        assertEquals(expected, h.get(1), "the second request on the kept-alive connection has the same head");
    }

    @Test
    void sessionAndRequestHeadersOverrideCaseInsensitivelyKeepingTheFirstName() {
        ClientSession session = new ClientSession().header("x-b", "1").header("host", "example.test").header("ACCEPT", "text/plain");
        List<String> h = heads(session, List.of(Map.of("user-agent", "me", "X-B", "2"), Map.of()));
        assertEquals("GET /p?q=1 HTTP/1.1\r\nAccept: text/plain\r\nAccept-Encoding: gzip, deflate\r\nHost: example.test\r\n"
                + "User-Agent: me\r\nx-b: 2\r\n\r\n", h.get(0));
        assertEquals("GET /p?q=1 HTTP/1.1\r\nAccept: text/plain\r\nAccept-Encoding: gzip, deflate\r\nHost: example.test\r\n"
                + "User-Agent: jaio\r\nx-b: 1\r\n\r\n", h.get(1));
    }

    @Test
    void defaultHeadersChangedBeforeTheFirstRequestAreSent() {
        List<String> h = heads(new ClientSession().header("X-A", "1").autoDecompress(false), List.of(Map.of()));
        assertTrue(h.get(0).matches("GET /p\\?q=1 HTTP/1\\.1\r\nAccept: \\*/\\*\r\nHost: 127\\.0\\.0\\.1:\\d+\r\nUser-Agent: jaio\r\nX-A: 1\r\n\r\n"), h.get(0));
    }
}
