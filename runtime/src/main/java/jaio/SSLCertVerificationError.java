package jaio;

import javax.net.ssl.SSLException;

/**
 * The peer's certificate was refused: not trusted, expired, or not valid for the host name
 * (Python's ssl.SSLCertVerificationError).
 */
public class SSLCertVerificationError extends SSLError {
    /**
     * The peer's certificate did not verify (Python's {@code ssl.SSLCertVerificationError}); {@code
     * cause} says why.
     */
    public SSLCertVerificationError(String message, SSLException cause) {
        super(message, cause);
    }
}
