package jaio.kernel.protocol;

/** An input request abandoned because the kernel was interrupted while it waited for the reply. */
public final class InputInterruptedException extends RuntimeException {

    public InputInterruptedException(String message) {
        super(message);
    }
}
