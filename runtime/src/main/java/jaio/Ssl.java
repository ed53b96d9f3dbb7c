package jaio;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS contexts as Python's {@code ssl.create_default_context()} makes them: TLS 1.2 and
 * 1.3, the peer's certificate checked against a trust store and its host name (the streams and
 * {@code ClientSession} ask for the host name check on every connection). Pass one to
 * {@link Streams#openConnection(String, int, SSLContext)}, {@code StreamWriter.startTls} or
 * {@code ClientSession.ssl}; {@code ClientSession} and {@code Streams.openConnection(host, port, true)}
 * use {@link #defaultContext()} by themselves.
 *
 * <p>The engine is native (Conscrypt, BoringSSL) where it can run, else the JDK's (see
 * {@link #engine()}); the trust decisions are the JDK's either way: its trust store
 * ({@code cacerts}, or {@code -Djavax.net.ssl.trustStore}), or the certificates given here.
 * A context built by hand with {@code SSLContext.getInstance("TLS")} works too and always runs
 * the JDK's engine.
 */
public final class Ssl {
    private Ssl() {}

    /**
     * The process's shared default context, made on first use. Not a holder class: a failure (an
     * unreadable {@code -Djavax.net.ssl.trustStore}) must reach every caller as its own clear error,
     * not once as ExceptionInInitializerError and then as NoClassDefFoundError.
     */
    private static volatile SSLContext defaultContext;

    /** Trusts what the JDK trusts (Python's {@code ssl.create_default_context()}). */
    public static SSLContext createDefaultContext() {
        if (System.getProperty("javax.net.ssl.keyStore") != null) {
            // A client certificate configured for the whole JVM: only the JDK's default context reads it.
            try {
                return SSLContext.getDefault();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK's default TLS context did not load (check -Djavax.net.ssl.keyStore): " + e.getMessage(), e);
            }
        }
        return context(null);
    }

    /**
     * Trusts the certificates in {@code cafile} and no others (Python's {@code cafile=}): PEM, one
     * certificate or several one after another, or DER. For a private CA or a self-signed server.
     */
    public static SSLContext createDefaultContext(Path cafile) {
        List<X509Certificate> certs = new ArrayList<>();
        try (InputStream in = Files.newInputStream(cafile)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certs.add((X509Certificate) c);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the CA file " + cafile + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(cafile + " holds no readable certificate (PEM or DER expected): " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException(cafile + " holds no certificate (PEM '-----BEGIN CERTIFICATE-----' blocks expected)");
        }
        return createDefaultContext(certs.toArray(X509Certificate[]::new));
    }

    /** Trusts these certificates and no others (Python's {@code cadata=}). */
    public static SSLContext createDefaultContext(X509Certificate... trusted) {
        if (trusted.length == 0) {
            throw new IllegalArgumentException("give at least one certificate to trust, or call createDefaultContext() for the JDK's trust store");
        }
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry("trusted-" + i, trusted[i]);
            }
            return context(store);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a trust store: " + e.getMessage(), e);
        }
    }

    /**
     * A server context that presents {@code chain} (the server's certificate first) and proves it
     * with {@code key} (Python's {@code create_default_context(Purpose.CLIENT_AUTH)} plus
     * {@code load_cert_chain}), for {@link Streams#startServer(ConnectionHandler, String, int, SSLContext)}.
     */
    public static SSLContext createServerContext(PrivateKey key, X509Certificate... chain) {
        if (chain.length == 0) {
            throw new IllegalArgumentException("give the server's certificate (and its chain) with its key");
        }
        char[] password = "jaio".toCharArray();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("server", key, password, chain);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, password);
            SSLContext ctx = TlsEngines.newContext();
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a server TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * The context {@code ClientSession} and {@code openConnection(host, port, true)} use when given
     * none: {@link #createDefaultContext()}, made once per process (one context also shares its
     * TLS session cache among connections).
     */
    public static SSLContext defaultContext() {
        SSLContext context = defaultContext;
        if (context == null) {
            synchronized (Ssl.class) {
                context = defaultContext;
                if (context == null) {
                    context = createDefaultContext();
                    defaultContext = context;
                }
            }
        }
        return context;
    }

    /**
     * The TLS engine of these contexts, and why not the native one when it is not: e.g.
     * "Conscrypt 2.5.2 (BoringSSL)" or "SunJSSE 25 (the JDK's): Conscrypt is not on the class path".
     */
    public static String engine() {
        String why = TlsEngines.failure();
        return TlsEngines.describe() + (why == null ? "" : ": " + why);
    }

    /** Chooses the engine and makes the default context now rather than at the first connection (the kernel calls it at start). */
    public static void preload() {
        defaultContext();
    }

    /** A context of the chosen engine with the JDK's PKIX trust managers over {@code store} (null: the JDK's trust store). */
    private static SSLContext context(KeyStore store) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(store);
            SSLContext ctx = TlsEngines.newContext();
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            String what = store == null
                    ? "cannot read the JDK's trust store (" + System.getProperty("javax.net.ssl.trustStore", "cacerts")
                            + "; check -Djavax.net.ssl.trustStore and its password, or pass a context of your own): "
                    : "cannot build a TLS context: ";
            throw new IllegalStateException(what + e.getMessage(), e);
        }
    }
}
