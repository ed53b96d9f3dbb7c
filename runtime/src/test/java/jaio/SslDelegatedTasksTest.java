package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import jaio.http.SelfSignedCertificate;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The SSLEngine's delegated tasks (the handshake's crypto) run on {@link SslTaskPool}, off the
 * loop; everything the application sees still happens on the loop, and a handshake that is
 * cancelled or closed while a task runs ends without resuming.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SslDelegatedTasksTest {
    static final SelfSignedCertificate CERT = SelfSignedCertificate.generate();

    /**
     * A client context that trusts {@link #CERT} through the JDK's own trust manager (hostname
     * check included), and records the thread each certificate check runs on; the check runs in
     * a delegated task. {@code hold}, if given, makes every check wait for it.
     */
    static final class WatchedTrust extends X509ExtendedTrustManager {
        final List<String> threads = Collections.synchronizedList(new ArrayList<>());
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch hold;
        final X509ExtendedTrustManager jdk;

        WatchedTrust(CountDownLatch hold) throws Exception {
            this.hold = hold;
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("trusted", CERT.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            this.jdk = (X509ExtendedTrustManager) tmf.getTrustManagers()[0];
        }

        SSLContext context() throws Exception {
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, new javax.net.ssl.TrustManager[] {this}, null);
            return ctx;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            threads.add(Thread.currentThread().getName());
            entered.countDown();
            if (hold != null) {
                try {
                    hold.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            jdk.checkServerTrusted(chain, authType, engine);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not used with SSLEngine");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("not used with SSLEngine");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
            jdk.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
            jdk.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            jdk.checkClientTrusted(chain, authType);
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return jdk.getAcceptedIssuers();
        }
    }

    /** The application's protocol: records each callback and whether it ran on the loop. */
    static final class Recording implements Protocol {
        final Loop loop;
        final List<String> calls = new ArrayList<>();
        final StringBuilder received = new StringBuilder();
        final Future<Void> lost;
        Transport transport;

        Recording(Loop loop) {
            this.loop = loop;
            this.lost = loop.createFuture();
        }

        private void note(String what) {
            calls.add(what + (loop.inLoop() ? "" : " OFF THE LOOP on " + Thread.currentThread().getName()));
        }

        @Override
        public void connectionMade(Transport t) {
            transport = t;
            note("made");
        }

        @Override
        public void dataReceived(byte[] data, int length) {
            note("data");
            received.append(new String(data, 0, length, StandardCharsets.UTF_8));
        }

        @Override
        public boolean eofReceived() {
            note("eof");
            return false;
        }

        @Override
        public void connectionLost(Throwable exc) {
            note("lost");
            lost.setResult(null);
        }

        @Override
        public void pauseWriting() {
            note("pause");
        }

        @Override
        public void resumeWriting() {
            note("resume");
        }
    }

    /** An echo server over TLS that answers one line and closes; counts the handlers that started. */
    static Server echoOnce(AtomicInteger handlers) {
        return await(Streams.startServer((reader, writer) -> {
            handlers.incrementAndGet();
            writer.write(await(reader.readline()));
            await(writer.drain());
            writer.close();
        }, "127.0.0.1", 0, CERT.serverContext()));
    }

    /** A connected non-blocking channel with its transport reading into {@code app} (as openConnection sets it up). */
    static SocketTransport connect(Loop loop, int port, Protocol app) throws Exception {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        await(loop.sockConnect(ch, new InetSocketAddress("127.0.0.1", port)));
        SocketTransport t = new SocketTransport(loop, ch, app);
        t.startReading();
        return t;
    }

    @Test
    void theCertificateCheckRunsOffTheLoopAndEveryCallbackOnIt() throws Exception {
        WatchedTrust trust = new WatchedTrust(null);
        SSLContext ctx = trust.context();
        List<String> calls = run(async(() -> {
            Loop loop = getRunningLoop();
            AtomicInteger handlers = new AtomicInteger();
            Server server = echoOnce(handlers);
            Recording app = new Recording(loop);
            SocketTransport socket = connect(loop, server.port(), app);
            Transport tls = Streams.startTls(loop, socket, app, ctx, "127.0.0.1");
            tls.write("over tls\n".getBytes(StandardCharsets.UTF_8), 0, 9);
            await(app.lost);
            server.close();
            await(server.waitClosed());
            assertEquals("over tls\n", app.received.toString());
            return app.calls;
        }));
        assertEquals(1, trust.threads.size(), trust.threads.toString());
        assertTrue(trust.threads.get(0).startsWith("jaio-tls-task-"), "the certificate check ran on " + trust.threads);
        assertEquals("made", calls.get(0));
        assertEquals("lost", calls.get(calls.size() - 1));
        assertTrue(calls.contains("data"), calls.toString());
        assertTrue(calls.stream().noneMatch(c -> c.contains("OFF THE LOOP")), calls.toString());
    }

    @Test
    void theLoopKeepsServingWhileAHandshakeTaskRuns() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        WatchedTrust trust = new WatchedTrust(hold);
        SSLContext ctx = trust.context();
        String got = run(async(() -> {
            AtomicInteger handlers = new AtomicInteger();
            Server server = echoOnce(handlers);
            Task<Streams> connecting = createTask(Streams.openConnection("127.0.0.1", server.port(), ctx));
            waitUntilEntered(trust);
            // The certificate check is blocked off the loop: timers and other tasks still run.
            int ticks = 0;
            for (int i = 0; i < 5; i++) {
                await(sleep(0.01));
                ticks++;
            }
            assertFalse(connecting.done());
            hold.countDown();
            Streams c = await(connecting);
            c.writer().write("still here\n");
            String line = new String(await(c.reader().readline()), StandardCharsets.UTF_8);
            c.writer().close();
            server.close();
            await(server.waitClosed());
            return ticks + " " + line;
        }));
        assertEquals("5 still here\n", got);
    }

    @Test
    void aHandshakeCancelledWhileItsTaskRunsEndsAndNeverResumes() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        WatchedTrust trust = new WatchedTrust(hold);
        SSLContext ctx = trust.context();
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger handlers = new AtomicInteger();
        String outcome = run(async(() -> {
            getRunningLoop().setExceptionHandler((loop, context) -> errors.add(String.valueOf(context)));
            Server server = echoOnce(handlers);
            Task<Streams> connecting = createTask(Streams.openConnection("127.0.0.1", server.port(), ctx));
            waitUntilEntered(trust);
            connecting.cancel();
            String result;
            try {
                await(connecting);
                result = "connected";
            } catch (CancelledError e) {
                result = "cancelled";
            }
            // The task ends now, off the loop; its completion must find the connection gone.
            hold.countDown();
            await(sleep(0.3));
            // The loop and the server still work: a second, unhindered connection.
            Streams c = await(Streams.openConnection("127.0.0.1", server.port(), CERT.clientContext()));
            c.writer().write("after\n");
            String line = new String(await(c.reader().readline()), StandardCharsets.UTF_8);
            c.writer().close();
            server.close();
            await(server.waitClosed());
            return result + " " + line;
        }));
        assertEquals("cancelled after\n", outcome);
        assertEquals(1, handlers.get(), "only the second connection reached the server's handler");
        assertEquals(List.of(), errors);
    }

    @Test
    void aSocketClosedDuringAHandshakeTaskFailsTheHandshakeWithoutResumingIt() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        WatchedTrust trust = new WatchedTrust(hold);
        SSLContext ctx = trust.context();
        AtomicInteger handlers = new AtomicInteger();
        List<String> calls = run(async(() -> {
            Loop loop = getRunningLoop();
            Server server = echoOnce(handlers);
            Recording app = new Recording(loop);
            SocketTransport socket = connect(loop, server.port(), app);
            Task<Transport> handshake = createTask(async(() -> Streams.startTls(loop, socket, app, ctx, "127.0.0.1")));
            waitUntilEntered(trust);
            socket.close();
            hold.countDown();
            String outcome;
            try {
                await(handshake);
                outcome = "handshake done";
            } catch (RuntimeException e) {
                outcome = "handshake failed";
            }
            await(sleep(0.2));
            server.close();
            await(server.waitClosed());
            app.calls.add(outcome + (socket.isClosing() ? ", socket closed" : ", socket open"));
            return app.calls;
        }));
        assertEquals(List.of("handshake failed, socket closed"), calls);
        assertEquals(0, handlers.get());
    }

    private static void waitUntilEntered(WatchedTrust trust) {
        for (int i = 0; i < 1000 && trust.entered.getCount() > 0; i++) {
            await(sleep(0.01));
        }
        assertEquals(0, trust.entered.getCount(), "the certificate check never started");
    }
}
