package jaio;

import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import javax.net.ssl.SSLContext;

/**
 * Which TLS engine the contexts of {@link Ssl} use: a native one when it can run here, else the
 * JDK's. The native engine is Conscrypt (BoringSSL through JNI, the same kind of C crypto as the
 * OpenSSL under Python's {@code ssl}); the JDK's pure-Java TLS costs a cold batch of 100
 * handshakes several times asyncio's CPU, because its EC and AES-GCM code runs interpreted or
 * C1-compiled until the JIT catches up (runtime/bench/io/README.md has the measurements).
 *
 * <p>Conscrypt is optional and never a compile-time dependency: it is used when its jar is on the
 * class path of the runtime's own class loader (the kernel ships it beside its other libraries,
 * behind the class-loader wall, so cells never see it) and its native library loads on this
 * platform (its jar carries Linux x86-64, macOS x86-64 and Windows builds). The system property
 * {@code jaio.tls=jdk} turns it off.
 *
 * <p>Invariants: the choice is made once per process, on first use (or {@link Ssl#preload()}),
 * and never changes; when Conscrypt is missing or fails to start, the JDK's engine is used and
 * {@link #failure()} says why; only the engine comes from Conscrypt, the trust and key managers
 * always come from the JDK, so which certificates are accepted does not depend on the engine.
 */
final class TlsEngines {
    /** The system property that picks the engine: {@code jdk}, or {@code native} (the default). */
    static final String PROPERTY = "jaio.tls";

    private TlsEngines() {}

    /** Resolved on first use: loading the provider reads and links its native library (0.1-0.3 s). */
    private static final class Chosen {
        static final Provider NATIVE;
        static final String FAILURE;

        static {
            Provider provider = null;
            String failure = null;
            if ("jdk".equalsIgnoreCase(System.getProperty(PROPERTY, "native"))) {
                failure = "turned off by -D" + PROPERTY + "=jdk";
            } else {
                try {
                    Class<?> conscrypt = Class.forName("org.conscrypt.Conscrypt", true, TlsEngines.class.getClassLoader());
                    if ((Boolean) conscrypt.getMethod("isAvailable").invoke(null)) {
                        provider = (Provider) conscrypt.getMethod("newProvider").invoke(null);
                    } else {
                        failure = "Conscrypt has no native library for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch");
                    }
                } catch (ClassNotFoundException e) {
                    failure = "Conscrypt is not on the class path";
                } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                    failure = "Conscrypt did not start: " + e;
                }
            }
            NATIVE = provider;
            FAILURE = failure;
        }
    }

    /** A new, uninitialised "TLS" context of the chosen engine. */
    static SSLContext newContext() {
        try {
            return Chosen.NATIVE != null ? SSLContext.getInstance("TLS", Chosen.NATIVE) : SSLContext.getInstance("TLS");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no TLS: " + e.getMessage(), e);
        }
    }

    /** Whether contexts use the native engine. */
    static boolean isNative() {
        return Chosen.NATIVE != null;
    }

    /** Why the JDK's engine is used, or null when the native one is. */
    static String failure() {
        return Chosen.FAILURE;
    }

    /** The engine's name and version, e.g. "Conscrypt 2.5.2 (BoringSSL)" or "SunJSSE 25 (the JDK's)". */
    static String describe() {
        if (Chosen.NATIVE != null) {
            // The provider says "1.0"; the jar's manifest has the release.
            String release = Chosen.NATIVE.getClass().getPackage().getImplementationVersion();
            return Chosen.NATIVE.getName() + " " + (release != null ? release : Chosen.NATIVE.getVersionStr()) + " (BoringSSL)";
        }
        Provider jdk = newContext().getProvider();
        return jdk.getName() + " " + jdk.getVersionStr() + " (the JDK's)";
    }
}
