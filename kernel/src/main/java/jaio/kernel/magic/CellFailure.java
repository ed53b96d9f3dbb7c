package jaio.kernel.magic;

import java.util.List;

/**
 * The error a cell ends with. Thrown by {@link MagicCall#run} and {@link MagicCall#eval} when the
 * Java code failed (did not compile, threw, or was interrupted): a magic that lets it propagate
 * fails the cell exactly as the code would have failed on its own. A magic may also throw one to
 * fail the cell with an error of its own naming.
 */
public final class CellFailure extends RuntimeException {
    private final String ename;
    private final String evalue;
    private final List<String> traceback;

    public CellFailure(String ename, String evalue, List<String> traceback) {
        super(ename + ": " + evalue, null, false, false);
        this.ename = ename;
        this.evalue = evalue;
        this.traceback = List.copyOf(traceback);
    }

    /** The error's name: an exception class, or {@code CompilationError}, {@code KeyboardInterrupt}, {@code SystemExit}. */
    public String ename() {
        return ename;
    }

    public String evalue() {
        return evalue;
    }

    /** The lines shown to the user, the first being {@code ename: evalue}. */
    public List<String> traceback() {
        return traceback;
    }
}
