package jaio.kernel.magic;

import jaio.Loop;
import jaio.kernel.language.Comms;
import jaio.kernel.protocol.history.HistoryStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import jdk.jshell.JShell;

/**
 * One run of a {@link Magic} in a cell: its arguments, its cell's body and output, and the session
 * and kernel services it may use. Implemented by the session; valid only during {@link Magic#run}
 * and only on the thread that runs it (the cell's task), unless a method says otherwise.
 *
 * <p>Output goes to the cell that ran the magic, in order with what the cell's Java code prints;
 * {@code System.out} and {@code System.err} of the magic's thread go there too. MIME bundles map a
 * MIME type to its data as Jupyter's display_data does (text as a String, binary as base64, JSON
 * as Map/List/String/Number/Boolean).
 */
public interface MagicCall {

    /** The magic's name, without {@code %}. */
    String name();

    /** The text after the magic's name on its line, stripped ({@code ""} if none). */
    String args();

    /**
     * {@link #args()} split at blanks; single or double quotes group words
     * ({@code %env A "x y"} gives {@code [A, x y]}).
     */
    List<String> argv();

    /** For a cell magic, the lines after {@code %%name ...} (without the line break before them); else {@code ""}. */
    String body();

    /** The cell's execution count ({@code In[n]}). */
    int executionCount();

    /** Whether the cell is silent (nothing may be shown for it; the kernel still runs it). */
    boolean silent();

    // ---- the cell's output --------------------------------------------------------------------

    /** Prints {@code text} as is on the cell's stdout. */
    void print(String text);

    /** Prints {@code text} as is on the cell's stderr. */
    void printErr(String text);

    /** Shows {@code value} as the cell's display API does (rich when it can render itself); returns its display id. */
    String display(Object value);

    /** Shows a MIME bundle ({@code text/plain} should be among the types); returns its display id. */
    String displayBundle(Map<String, Object> bundle);

    /**
     * Replaces the output shown with {@code displayId} (of this or an earlier cell) by
     * {@code bundle} (update_display_data). Callable from any thread, also after the magic ended
     * (a task updating a live view).
     */
    void updateDisplay(String displayId, Map<String, Object> bundle);

    /** Clears the cell's output; with {@code wait}, when new output arrives. */
    void clearOutput(boolean wait);

    /** Shows {@code text} in the frontend's pager (the execute_reply's page payload), as {@code Math.max?} does. */
    void page(String text);

    // ---- Java code ----------------------------------------------------------------------------

    /**
     * Runs {@code javaSource} as the rest of this cell: snippets, top-level {@code await}, its
     * output, and the value of its last expression shown as the cell's result (unless silent).
     * Returns when it ended; throws {@link CellFailure} if it failed.
     */
    void run(String javaSource);

    /**
     * Shows {@code value} as the cell's result (execute_result), as the value of a cell's last
     * expression is shown; nothing when the cell is silent. For a magic that evaluates code with
     * {@link #eval} and prints something before its value ({@code %time}).
     */
    void showResult(Object value);

    /**
     * Runs {@code javaSource} like {@link #run} but shows no result; returns the value of its last
     * expression (null if it ends with a statement). Throws {@link CellFailure} if it failed.
     */
    Object eval(String javaSource);

    /**
     * The documentation of the name or expression at {@code cursor} (a Java index) in {@code code},
     * as inspect_request gives it ({@code detailLevel} 0 or 1), or empty if none is known.
     */
    Optional<String> documentation(String code, int cursor, int detailLevel);

    /**
     * Calls {@code action} with the session's JShell under its lock (its variables, methods and
     * imports, e.g. for {@code %vars}); {@code action} must not evaluate code (use {@link #run}).
     */
    <T> T withJShell(Function<JShell, T> action);

    /**
     * Adds jars or directories (separated by the platform's path separator) to the class path of
     * this and later cells (the user's class path: the kernel's own libraries stay invisible).
     */
    void addToClasspath(String path);

    // ---- the kernel ---------------------------------------------------------------------------

    /** The kernel loop the cells run on (the magic runs on it: its tasks may be read directly). */
    Loop loop();

    /** The kernel's input history (IPython's model: sessions of numbered lines). */
    HistoryStore history();

    /** The kernel's comms (custom messages with the frontend, e.g. a live view's widget). */
    Comms comms();

    /** The magics of this kernel. */
    MagicRegistry registry();
}
