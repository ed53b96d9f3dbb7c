package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import jaio.http.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * TLS on the loop's own transport: openConnection and startServer with an SSLContext, on 127.0.0.1.
 * Both sides run on each engine: {@link Ssl}'s (native where it can run) and the JDK's; the other
 * tests mix them (SslDelegatedTasksTest's JDK clients against Ssl's servers).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class StreamsTlsTest {
    static final SelfSignedCertificate CERT = SelfSignedCertificate.generate();

    /** The client engines under test. */
    enum Engine {
        /** What {@link Ssl} makes: Conscrypt where it runs. */
        SSL_CONTEXTS,
        /** A context built by hand from the JDK's provider. */
        JDK;

        /** A client context trusting {@link #CERT} only. */
        SSLContext trustingCert() throws Exception {
            if (this == SSL_CONTEXTS) {
                return CERT.clientContext();
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("trusted", CERT.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        }

        /** A server context presenting {@link #CERT}. */
        SSLContext serving() throws Exception {
            if (this == SSL_CONTEXTS) {
                return CERT.serverContext();
            }
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", CERT.privateKey(), "pw".toCharArray(), new X509Certificate[] {CERT.certificate()});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, "pw".toCharArray());
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        }

        /** A client context with the JDK's default trust store. */
        SSLContext withDefaultTrust() throws Exception {
            return this == SSL_CONTEXTS ? Ssl.createDefaultContext() : SSLContext.getDefault();
        }
    }

    /** An echo server over TLS that answers each line until the client closes. */
    static Server echoServer(SSLContext ssl) {
        return await(Streams.startServer((reader, writer) -> {
            while (true) {
                byte[] line = await(reader.readline());
                if (line.length == 0) {
                    break;
                }
                writer.write(line);
                await(writer.drain());
            }
            writer.close();
        }, "127.0.0.1", 0, ssl));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void echoOverTlsWithATrustedSelfSignedCertificate(Engine engine) throws Exception {
        SSLContext client = engine.trustingCert();
        SSLContext serverSide = engine.serving();
        String r = run(async(() -> {
            Server server = echoServer(serverSide);
            Streams c = await(Streams.openConnection("127.0.0.1", server.port(), client));
            c.writer().write("hello\n");
            await(c.writer().drain());
            String got = new String(await(c.reader().readline()), StandardCharsets.UTF_8);
            X509Certificate peer = (X509Certificate) c.writer().getExtraInfo("peercert");
            String version = (String) c.writer().getExtraInfo("tls_version");
            boolean canEof = c.writer().canWriteEof();
            c.writer().close();
            await(c.writer().waitClosed());
            server.close();
            await(server.waitClosed());
            return got + "|" + peer.equals(CERT.certificate()) + "|" + version + "|" + canEof;
        }));
        assertEquals("hello\n|true|TLSv1.3|false", r);
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void megabytesBothWaysKeepTheirOrderThroughFlowControl(Engine engine) throws Exception {
        SSLContext client = engine.trustingCert();
        SSLContext serverSide = engine.serving();
        byte[] payload = new byte[3 * 1024 * 1024];
        for (int i = 0; i < payload.length; i++) {
            payload[i] = (byte) (i * 7 + (i >>> 10));
        }
        payload[payload.length - 1] = '\n';
        byte[] back = run(async(() -> {
            Server server = echoServer(serverSide);
            Streams c = await(Streams.openConnection("localhost", server.port(), client));
            Task<byte[]> reading = createTask(async(() -> await(c.reader().readexactly(payload.length))));
            for (int off = 0; off < payload.length; off += 100_000) {
                c.writer().write(payload, off, Math.min(100_000, payload.length - off));
                await(c.writer().drain());
            }
            byte[] got = await(reading);
            c.writer().close();
            server.close();
            return got;
        }));
        assertTrue(Arrays.equals(payload, back), "the echoed bytes differ");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void theDefaultTrustStoreRefusesTheSelfSignedCertificate(Engine engine) throws Exception {
        SSLContext jdkDefault = engine.withDefaultTrust();
        SSLContext serverSide = engine.serving();
        SSLCertVerificationError e = assertThrows(SSLCertVerificationError.class, () -> run(async(() -> {
            Server server = echoServer(serverSide);
            try {
                return await(Streams.openConnection("127.0.0.1", server.port(), jdkDefault));
            } finally {
                server.close();
            }
        })));
        assertTrue(e.getMessage().startsWith("TLS handshake with 127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().contains("certificate verify failed: the certificate is not trusted"), e.getMessage());
        assertTrue(e.getMessage().contains("pass an SSLContext"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aNameTheCertificateDoesNotCoverIsAHostnameMismatch(Engine engine) throws Exception {
        SSLContext client = engine.trustingCert();
        SSLContext serverSide = engine.serving();
        SSLCertVerificationError e = assertThrows(SSLCertVerificationError.class, () -> run(async(() -> {
            Server server = echoServer(serverSide);
            try {
                return await(Streams.openConnection("127.0.0.1", server.port(), client, "wrong.example", StreamReader.DEFAULT_LIMIT));
            } finally {
                server.close();
            }
        })));
        assertTrue(e.getMessage().startsWith("TLS handshake with wrong.example:"), e.getMessage());
        assertTrue(e.getMessage().contains("Hostname mismatch, certificate is not valid for 'wrong.example'"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void tlsToAPlainServerIsAProtocolErrorAndTheServerSideHandlerNeverRuns(Engine engine) throws Exception {
        SSLContext client = engine.trustingCert();
        SSLContext serverSide = engine.serving();
        String r = run(async(() -> {
            int[] handled = {0};
            Server plain = await(Streams.startServer((reader, writer) -> {
                await(reader.read(10));
                writer.write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                writer.close();
            }, "127.0.0.1", 0));
            SSLError err = null;
            try {
                await(Streams.openConnection("127.0.0.1", plain.port(), client));
            } catch (SSLError e) {
                err = e;
            }
            Server tls = await(Streams.startServer((reader, writer) -> handled[0]++, "127.0.0.1", 0, serverSide));
            Streams c = await(Streams.openConnection("127.0.0.1", tls.port()));
            c.writer().write("GET / HTTP/1.1\r\n\r\n");
            byte[] answer = await(c.reader().read(100));
            plain.close();
            tls.close();
            return (err == null ? "no error" : err.getClass().getSimpleName() + ": " + err.getMessage().contains("protocol error"))
                    + "|" + answer.length + "|" + handled[0];
        }));
        assertEquals("SSLError: true|0|0", r);
    }
}
