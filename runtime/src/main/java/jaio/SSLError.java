package jaio;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * A TLS failure on a stream (Python's ssl.SSLError, an OSError: unchecked here like every jaio I/O
 * failure). The message names the peer and says what failed: the certificate
 * ({@link SSLCertVerificationError}), the host name, or the protocol. The cause is the JDK's
 * {@link SSLException}.
 */
public class SSLError extends java.io.UncheckedIOException {
    /** A TLS error (Python's {@code ssl.SSLError}); {@code cause} is the JDK's error. */
    public SSLError(String message, SSLException cause) {
        super(message, cause);
    }

    /** The one place that turns an SSLEngine failure into the error a user reads. */
    static SSLError of(String peer, boolean handshaking, SSLException e) {
        String where = handshaking ? "TLS handshake with " + peer + " failed: " : "TLS error on the connection to " + peer + ": ";
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertPathBuilderException || c instanceof CertPathValidatorException) {
                return new SSLCertVerificationError(where + "certificate verify failed: the certificate is not trusted ("
                        + String.valueOf(c.getMessage()).replace("sun.security.provider.certpath.SunCertPathBuilderException: ", "") + "); if it is self-signed or from a private CA, pass an SSLContext that trusts it: Ssl.createDefaultContext(Path.of(\"ca.pem\"))", e);
            }
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof CertificateException ce) {
                String m = String.valueOf(ce.getMessage());
                if (m.startsWith("No name matching") || m.startsWith("No subject alternative")) {
                    return new SSLCertVerificationError(where + "certificate verify failed: Hostname mismatch, certificate is not valid for '"
                            + peer.substring(0, peer.lastIndexOf(':')) + "' (" + m + ")", e);
                }
                return new SSLCertVerificationError(where + "certificate verify failed: " + m, e);
            }
        }
        return new SSLError(where + "protocol error: " + e.getMessage(), e);
    }
}
