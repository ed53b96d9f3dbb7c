package jaio;

import static jaio.Async.*;
import static org.junit.jupiter.api.Assertions.*;

import jaio.http.SelfSignedCertificate;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@link Ssl}'s contexts: the engine chosen, the trust given, and the fallback to the JDK's engine. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SslTest {
    static final SelfSignedCertificate CERT = SelfSignedCertificate.generate();
    static final SelfSignedCertificate OTHER = SelfSignedCertificate.generate();

    /** Where Conscrypt 2.5.2's jar carries a native library. */
    static boolean nativeLibraryShipped() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        return (os.startsWith("linux") && x64) || (os.startsWith("mac") && x64) || os.startsWith("windows");
    }

    @Test
    void theEngineIsConscryptWhereItsNativeLibraryRunsAndTheContextsUseIt() {
        String engine = Ssl.engine();
        if (nativeLibraryShipped()) {
            assertTrue(engine.startsWith("Conscrypt 2.5.2 (BoringSSL)"), engine);
            assertEquals("Conscrypt", Ssl.defaultContext().getProvider().getName());
            assertEquals("Conscrypt", CERT.clientContext().getProvider().getName());
            assertEquals("Conscrypt", CERT.serverContext().getProvider().getName());
        } else {
            assertTrue(engine.startsWith("SunJSSE") && engine.contains("Conscrypt has no native library"), engine);
        }
        assertSame(Ssl.defaultContext(), Ssl.defaultContext(), "one default context per process");
    }

    @Test
    void aCaFileOfSeveralPemCertificatesIsTrustedAndNothingElse(@TempDir Path dir) throws Exception {
        Path cafile = dir.resolve("ca.pem");
        Files.writeString(cafile, OTHER.pem() + CERT.pem(), StandardCharsets.US_ASCII);
        SSLContext ctx = Ssl.createDefaultContext(cafile);
        String r = run(async(() -> {
            Server good = StreamsTlsTest.echoServer(CERT.serverContext());
            Server stranger = StreamsTlsTest.echoServer(SelfSignedCertificate.generate().serverContext());
            try {
                Streams c = await(Streams.openConnection("127.0.0.1", good.port(), ctx));
                c.writer().write("hi\n");
                String echoed = new String(await(c.reader().readline()), StandardCharsets.UTF_8).trim();
                c.writer().close();
                String refused;
                try {
                    await(Streams.openConnection("127.0.0.1", stranger.port(), ctx));
                    refused = "accepted";
                } catch (SSLCertVerificationError e) {
                    refused = e.getMessage().contains("not trusted") ? "refused" : e.getMessage();
                }
                return echoed + "|" + refused;
            } finally {
                good.close();
                stranger.close();
            }
        }));
        assertEquals("hi|refused", r);
    }

    @Test
    void sslTrueUsesTheDefaultContextWhichRefusesASelfSignedServer() {
        SSLCertVerificationError e = assertThrows(SSLCertVerificationError.class, () -> run(async(() -> {
            Server server = StreamsTlsTest.echoServer(CERT.serverContext());
            try {
                return await(Streams.openConnection("127.0.0.1", server.port(), true));
            } finally {
                server.close();
            }
        })));
        assertTrue(e.getMessage().contains("certificate verify failed: the certificate is not trusted"), e.getMessage());
    }

    @Test
    void badTrustInputGetsAnErrorSayingWhatToDo(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("nope.pem");
        var e1 = assertThrows(UncheckedIOException.class, () -> Ssl.createDefaultContext(missing));
        assertTrue(e1.getMessage().startsWith("cannot read the CA file " + missing), e1.getMessage());
        Path text = dir.resolve("notes.pem");
        Files.writeString(text, "not a certificate\n");
        var e2 = assertThrows(IllegalArgumentException.class, () -> Ssl.createDefaultContext(text));
        assertTrue(e2.getMessage().startsWith(text + " holds no"), e2.getMessage());
        var e3 = assertThrows(IllegalArgumentException.class, () -> Ssl.createDefaultContext(new java.security.cert.X509Certificate[0]));
        assertTrue(e3.getMessage().contains("createDefaultContext()"), e3.getMessage());
        var e4 = assertThrows(IllegalArgumentException.class, () -> Ssl.createServerContext(CERT.privateKey()));
        assertTrue(e4.getMessage().startsWith("give the server's certificate"), e4.getMessage());
    }

    @Test
    void withoutConscryptOrWithTheJdkAskedForTheJdkEngineServesAndSaysWhy() throws Exception {
        String cp = System.getProperty("java.class.path");
        String withoutConscrypt = String.join(java.io.File.pathSeparator,
                java.util.Arrays.stream(cp.split(java.io.File.pathSeparator)).filter(p -> !p.contains("conscrypt")).toList());
        assertEquals("SunJSSE|SunJSSE 25 (the JDK's): Conscrypt is not on the class path", engineIn(withoutConscrypt));
        assertEquals("SunJSSE|SunJSSE 25 (the JDK's): turned off by -Djaio.tls=jdk", engineIn(cp, "-Djaio.tls=jdk"));
    }

    @Test
    void anUnreadableTrustStoreIsAClearErrorOnEveryCallNotAnInitializerError(@TempDir Path dir) throws Exception {
        Path store = dir.resolve("broken.jks");
        Files.writeString(store, "not a key store\n");
        String out = runIn(System.getProperty("java.class.path"), DefaultContextTwice.class, "-Djavax.net.ssl.trustStore=" + store);
        String expected = "IllegalStateException: cannot read the JDK's trust store (" + store + "; check -Djavax.net.ssl.trustStore";
        String[] lines = out.split("\n");
        assertEquals(2, lines.length, out);
        for (String line : lines) {
            assertTrue(line.startsWith(expected), out);
        }
    }

    /** Ssl's engine as a fresh JVM with {@code classPath} and {@code options} reports it: "provider|engine()". */
    private static String engineIn(String classPath, String... options) throws Exception {
        return runIn(classPath, EngineReport.class, options);
    }

    /** What {@code main} prints in a fresh JVM with {@code classPath} and {@code options}. */
    private static String runIn(String classPath, Class<?> main, String... options) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(List.of(options));
        cmd.addAll(List.of("-cp", classPath, main.getName()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, p.waitFor(), out);
        return out.replace(" " + Runtime.version().feature() + " ", " 25 ");
    }

    /** Asks for the default context twice and prints what each call raised. */
    static final class DefaultContextTwice {
        public static void main(String[] args) {
            for (int i = 0; i < 2; i++) {
                try {
                    System.out.println("made " + Ssl.defaultContext().getProvider().getName());
                } catch (Throwable t) {
                    System.out.println(t.getClass().getSimpleName() + ": " + t.getMessage());
                }
            }
        }
    }

    /** Prints the default context's provider and {@link Ssl#engine()}. */
    static final class EngineReport {
        public static void main(String[] args) {
            System.out.println(Ssl.defaultContext().getProvider().getName() + "|" + Ssl.engine());
        }
    }
}
