package jaio.kernel.wire;

/** A well-formed message whose HMAC does not match the connection key: possibly forged, never dispatched. */
public final class BadSignatureException extends MalformedMessageException {

    public BadSignatureException(String message) {
        super(message);
    }
}
