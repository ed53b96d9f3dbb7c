package jaio.kernel.session;

/**
 * Thrown where a cell (or a class it loaded) called {@code System.exit}, {@code Runtime.exit} or
 * {@code Runtime.halt}: it ends the cell, never the kernel (Python's SystemExit in IPython). An
 * {@link Error}, like SystemExit is a BaseException, so {@code catch (Exception e)} does not stop it.
 */
public final class CellExit extends Error {
    private static final long serialVersionUID = 1L;

    private final int status;

    public CellExit(String call, int status) {
        super(call + "(" + status + ") was called: the cell stopped here; the kernel keeps running");
        this.status = status;
    }

    /** The status the code asked to exit with. */
    public int status() {
        return status;
    }
}
