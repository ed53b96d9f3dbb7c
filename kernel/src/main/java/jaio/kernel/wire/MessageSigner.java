package jaio.kernel.wire;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies messages with the connection file's key: an HMAC over the header,
 * parent_header, metadata and content frames, sent as lowercase hex.
 *
 * <p>An empty key disables signing, as the messaging spec says: the signature frame is empty and
 * incoming signatures are not checked. Thread-safe: a {@link Mac} is stateful and messages are signed
 * from several threads (shell, control, cell output), so each thread keeps its own, initialized with
 * the key once: looking up the algorithm and initializing cost as much as the HMAC of a small
 * message, and every request is verified once and answered with three or more signed messages.
 */
public final class MessageSigner {

    private static final Map<String, String> MAC_ALGORITHMS = Map.of(
            "hmac-sha256", "HmacSHA256",
            "hmac-sha1", "HmacSHA1",
            "hmac-sha224", "HmacSHA224",
            "hmac-sha384", "HmacSHA384",
            "hmac-sha512", "HmacSHA512",
            "hmac-md5", "HmacMD5");

    private static final byte[] NO_SIGNATURE = new byte[0];

    private final SecretKeySpec key; // null when signing is disabled
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);

    private MessageSigner(SecretKeySpec key) {
        this.key = key;
    }

    /**
     * A signer for a connection file's {@code signature_scheme} and {@code key}.
     *
     * @throws IllegalArgumentException if the scheme is not one of hmac-sha256 (Jupyter's default),
     *     hmac-sha1/224/384/512 or hmac-md5
     */
    public static MessageSigner of(String scheme, String key) {
        String algorithm = MAC_ALGORITHMS.get(scheme);
        if (algorithm == null) {
            throw new IllegalArgumentException("unsupported signature_scheme \"" + scheme
                    + "\": use hmac-sha256 (Jupyter's default) or one of " + MAC_ALGORITHMS.keySet());
        }
        if (key.isEmpty()) {
            return new MessageSigner(null);
        }
        return new MessageSigner(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), algorithm));
    }

    /** A signer that neither signs nor checks (empty key). */
    public static MessageSigner disabled() {
        return new MessageSigner(null);
    }

    public boolean enabled() {
        return key != null;
    }

    /** The signature frame for the four JSON frames: hex ASCII bytes, or empty when disabled. */
    public byte[] sign(byte[] header, byte[] parentHeader, byte[] metadata, byte[] content) {
        if (key == null) {
            return NO_SIGNATURE;
        }
        byte[] digest = mac(header, parentHeader, metadata, content);
        return HexFormat.of().formatHex(digest).getBytes(StandardCharsets.US_ASCII);
    }

    /** True if the signature matches (always true when disabled); compared in constant time. */
    public boolean verify(byte[] signature, byte[] header, byte[] parentHeader, byte[] metadata, byte[] content) {
        if (key == null) {
            return true;
        }
        byte[] expected = sign(header, parentHeader, metadata, content);
        return MessageDigest.isEqual(expected, signature);
    }

    private byte[] mac(byte[]... parts) {
        Mac mac = macs.get();
        for (byte[] part : parts) {
            mac.update(part);
        }
        return mac.doFinal(); // also resets the Mac for this thread's next message
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(key.getAlgorithm());
            mac.init(key);
            return mac;
        } catch (GeneralSecurityException e) {
            // The algorithms above are mandatory in every JDK; reaching this is a broken JDK.
            throw new IllegalStateException("HMAC " + key.getAlgorithm() + " unavailable", e);
        }
    }
}
