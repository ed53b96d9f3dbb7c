package jaio;

/**
 * Python's SystemExit: a request to end the program with a status. Like KeyboardInterrupt it is
 * not an ordinary failure: raised in a task or a callback it leaves the loop, out of
 * {@code run}/{@code runUntilComplete}/{@code runForever}. An {@link Error}, as SystemExit is a
 * BaseException, so {@code catch (Exception e)} does not stop it.
 */
public class SystemExit extends Error {
    private static final long serialVersionUID = 1L;

    private final int code;

    /** An exit with status {@code code} (Python's {@code SystemExit(code)}). */
    public SystemExit(int code) {
        super(String.valueOf(code));
        this.code = code;
    }

    /** The exit status ({@code e.code}). */
    public int code() {
        return code;
    }
}
