package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class StreamsTest {
    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String s(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void echoLineThroughStartServerAndOpenConnection() {
        String r = run(async(() -> {
            Server server = await(Streams.startServer((reader, writer) -> {
                byte[] line = await(reader.readline());
                writer.write(line);
                await(writer.drain());
                writer.close();
                await(writer.waitClosed());
            }, "127.0.0.1", 0));
            Streams c = await(Streams.openConnection("127.0.0.1", server.port()));
            c.writer().write(b("hello\n"));
            await(c.writer().drain());
            String got = s(await(c.reader().readline()));
            byte[] rest = await(c.reader().read(100));
            boolean eof = c.reader().atEof();
            c.writer().close();
            await(c.writer().waitClosed());
            server.close();
            await(server.waitClosed());
            return got + "|" + rest.length + "|" + eof;
        }));
        assertEquals("hello\n|0|true", r);
    }

    @Test
    void readerMethodsFollowAsyncio() {
        List<String> out = run(async(() -> {
            StreamReader r = new StreamReader(StreamReader.DEFAULT_LIMIT, getRunningLoop());
            List<String> o = new ArrayList<>();
            r.feedData(b("ab\ncd;ef"));
            o.add(s(await(r.readline())));
            o.add(s(await(r.readuntil(";"))));
            o.add(s(await(r.readexactly(1))));
            createTask(async(() -> { await(sleep(0.01)); r.feedData(b("gh")); r.feedEof(); }));
            try {
                await(r.readexactly(5));
            } catch (IncompleteReadError e) {
                o.add(s(e.partial()) + "/" + e.expected() + "/" + e.getMessage());
            }
            o.add(String.valueOf(r.atEof()));
            o.add(String.valueOf(await(r.read()).length));
            return o;
        }));
        assertEquals(List.of("ab\n", "cd;", "e", "fgh/5/3 bytes read on a total of 5 expected bytes", "true", "0"), out);
    }

    @Test
    void readuntilOverLimitRaisesLimitOverrun() {
        String r = run(async(() -> {
            StreamReader reader = new StreamReader(4, getRunningLoop());
            reader.feedData(b("abcdefgh"));
            try {
                await(reader.readuntil("\n"));
                return "no error";
            } catch (LimitOverrunError e) {
                return e.getMessage() + ":" + e.consumed();
            }
        }));
        assertEquals("Separator is not found, and chunk exceed the limit:8", r);
    }

    @Test
    void connectToClosedPortNamesHostAndPort() throws Exception {
        int port;
        try (ServerSocket ss = new ServerSocket(0)) {
            port = ss.getLocalPort();
        }
        int p = port;
        ConnectionRefusedError e = assertThrows(ConnectionRefusedError.class,
                () -> run(async(() -> await(Streams.openConnection("127.0.0.1", p)))));
        assertEquals("Connect call failed ('127.0.0.1', " + port + ")", e.getMessage());
        assertInstanceOf(java.net.ConnectException.class, e.getCause());
    }

    @Test
    void unknownHostNamesHostAndPort() {
        var e = assertThrows(java.io.UncheckedIOException.class,
                () -> run(async(() -> await(Streams.openConnection("no-such-host.invalid", 81)))));
        assertTrue(e.getMessage().contains("'no-such-host.invalid', 81"), e.getMessage());
    }

    @Test
    void serverClosingMidStreamGivesIncompleteRead() {
        String r = run(async(() -> {
            Server server = await(Streams.startServer((reader, writer) -> {
                writer.write(b("12345"));
                writer.close();
            }, "127.0.0.1", 0));
            Streams c = await(Streams.openConnection("127.0.0.1", server.port()));
            try {
                await(c.reader().readexactly(10));
                return "no error";
            } catch (IncompleteReadError e) {
                return s(e.partial()) + "/" + e.expected();
            } finally {
                c.writer().close();
                server.close();
            }
        }));
        assertEquals("12345/10", r);
    }

    @Test
    void readTimeoutWithWaitFor() {
        String r = run(async(() -> {
            Server server = await(Streams.startServer((reader, writer) -> {
                await(sleep(5));
            }, "127.0.0.1", 0));
            Streams c = await(Streams.openConnection("127.0.0.1", server.port()));
            double t0 = getRunningLoop().time();
            try {
                await(waitFor(c.reader().readline(), 0.2));
                return "no timeout";
            } catch (TimeoutError e) {
                double dt = getRunningLoop().time() - t0;
                return dt < 1.0 ? "timeout" : "late " + dt;
            } finally {
                c.writer().close();
                server.close();
            }
        }));
        assertEquals("timeout", r);
    }

    @Test
    void slowReaderMakesDrainBlockAndLosesNothing() {
        int total = 4 * 1024 * 1024;
        long[] r = run(async(() -> {
            long[] received = new long[2];
            Future<Void> done = getRunningLoop().createFuture();
            Server server = await(Streams.startServer((reader, writer) -> {
                long sum = 0;
                long n = 0;
                while (true) {
                    byte[] chunk = await(reader.read(8192));
                    if (chunk.length == 0) {
                        break;
                    }
                    for (byte x : chunk) {
                        sum += x & 0xff;
                    }
                    n += chunk.length;
                    await(sleep(0.001));
                }
                received[0] = n;
                received[1] = sum;
                writer.close();
                done.setResult(null);
            }, "127.0.0.1", 0));
            Streams c = await(Streams.openConnection("127.0.0.1", server.port()));
            byte[] block = new byte[64 * 1024];
            long expectedSum = 0;
            for (int i = 0; i < block.length; i++) {
                block[i] = (byte) (i * 7);
                expectedSum += block[i] & 0xff;
            }
            int drainsThatWaited = 0;
            long maxBuffered = 0;
            for (int sent = 0; sent < total; sent += block.length) {
                c.writer().write(block);
                maxBuffered = Math.max(maxBuffered, c.writer().writeBufferSize());
                double t0 = getRunningLoop().time();
                await(c.writer().drain());
                if (getRunningLoop().time() - t0 > 0.002) {
                    drainsThatWaited++;
                }
                // After drain the buffer is at or below the low-water mark... or drain returned at once.
                assertTrue(c.writer().writeBufferSize() <= 128 * 1024);
            }
            c.writer().writeEof();
            await(waitFor(done, 15.0));
            c.writer().close();
            server.close();
            return new long[] {received[0], received[1], expectedSum * (total / block.length), drainsThatWaited};
        }));
        assertEquals(total, r[0]);
        assertEquals(r[2], r[1]);
        assertTrue(r[3] > 0, "drain never waited");
    }

    @Test
    void thousandConcurrentEchoConnectionsKeepEveryByte() {
        int n = 1000;
        List<Boolean> results = run(async(() -> {
            Server server = await(Streams.startServer((reader, writer) -> {
                while (true) {
                    byte[] data = await(reader.read(4096));
                    if (data.length == 0) {
                        break;
                    }
                    writer.write(data);
                    await(writer.drain());
                }
                writer.close();
            }, "127.0.0.1", 0));
            List<Coroutine<Boolean>> clients = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int id = i;
                clients.add(async(() -> {
                    Streams c = await(Streams.openConnection("127.0.0.1", server.port()));
                    byte[] msg = new byte[1000 + id];
                    for (int k = 0; k < msg.length; k++) {
                        msg[k] = (byte) (id * 31 + k);
                    }
                    c.writer().write(msg);
                    await(c.writer().drain());
                    byte[] back = await(c.reader().readexactly(msg.length));
                    c.writer().close();
                    return Arrays.equals(msg, back);
                }));
            }
            List<Boolean> r = await(gather(clients));
            server.close();
            await(waitFor(server.waitClosed(), 5.0));
            return r;
        }));
        assertEquals(n, results.size());
        assertTrue(results.stream().allMatch(x -> x));
    }

    @Test
    void cancellingSockRecvRemovesTheReader() throws Exception {
        String r = run(async(() -> {
            Loop loop = getRunningLoop();
            var ss = java.nio.channels.ServerSocketChannel.open();
            ss.bind(new java.net.InetSocketAddress("127.0.0.1", 0));
            ss.configureBlocking(false);
            var client = java.nio.channels.SocketChannel.open();
            client.configureBlocking(false);
            Task<java.nio.channels.SocketChannel> accepted = createTask(loop.sockAccept(ss));
            await(loop.sockConnect(client, ss.getLocalAddress()));
            var conn = await(accepted);
            Task<byte[]> recv = createTask(loop.sockRecv(client, 10));
            await(sleep(0.01));
            recv.cancel();
            await(sleep(0.01));
            boolean readerLeft = loop.removeReader(client);
            await(loop.sockSendall(conn, b("ping")));
            byte[] got = await(loop.sockRecv(client, 10));
            conn.close();
            byte[] eof = await(loop.sockRecv(client, 10));
            client.close();
            ss.close();
            return recv.cancelled() + ":" + readerLeft + ":" + s(got) + ":" + eof.length;
        }));
        assertEquals("true:false:ping:0", r);
    }

    @Test
    void addReaderCallbacksRunThroughTheReadyQueue() throws Exception {
        List<String> out = run(async(() -> {
            Loop loop = getRunningLoop();
            var pipe = java.nio.channels.Pipe.open();
            pipe.source().configureBlocking(false);
            List<String> o = new ArrayList<>();
            Future<Void> done = loop.createFuture();
            loop.addReader(pipe.source(), () -> {
                var buf = java.nio.ByteBuffer.allocate(16);
                try {
                    pipe.source().read(buf);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                o.add("read " + new String(buf.array(), 0, buf.position()));
                loop.removeReader(pipe.source());
                done.setResult(null);
            });
            loop.callSoon(() -> o.add("soon"));
            pipe.sink().write(java.nio.ByteBuffer.wrap(b("x")));
            await(done);
            pipe.sink().close();
            pipe.source().close();
            return o;
        }));
        assertEquals(List.of("soon", "read x"), out);
    }
}
