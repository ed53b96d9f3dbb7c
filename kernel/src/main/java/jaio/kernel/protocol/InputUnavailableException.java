package jaio.kernel.protocol;

/** An input request from a cell whose frontend said {@code allow_stdin: false} (e.g. nbconvert). */
public final class InputUnavailableException extends RuntimeException {

    public InputUnavailableException(String message) {
        super(message);
    }
}
