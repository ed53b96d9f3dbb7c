package jaio.kernel.language;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The contract between the Jupyter protocol layer and a language: everything the protocol needs
 * from the language and nothing about sockets, message framing or JSON (ipykernel's split between
 * kernelbase and ipkernel). This package is the one set of types both sides share; it does not
 * depend on Gson, and the protocol layer converts to and from the wire at its edge.
 *
 * <p>Positions are Java {@code String} indices (UTF-16 units); the protocol converts them from and
 * to the wire's code points, once.
 *
 * <p>Threading: every method is called from a kernel thread that serves other requests too, so no
 * method may block for long. {@link #execute} returns at once and completes its future when the
 * cell has finished; until then the kernel keeps answering {@code complete}, {@code inspect},
 * {@code is_complete}, {@code kernel_info}, history and comm messages, which may therefore arrive
 * while a cell runs. Executes are never overlapped: the protocol's execute queue (the only cell
 * queue) passes the next one only after the previous future completed. {@link #interrupt} and
 * {@link #shutdown} are called from the control thread, possibly while an execute is running.
 */
public interface LanguageSession {

    /** The kernel_info_reply's {@code language_info}. Like the banner and help links, asked once per kernel. */
    LanguageInfo languageInfo();

    /** The kernel_info_reply's {@code banner}. */
    default String banner() {
        return "jaio on Java " + Runtime.version();
    }

    /** The kernel_info_reply's {@code help_links}. */
    default List<HelpLink> helpLinks() {
        return List.of();
    }

    /**
     * Runs one cell. Output goes to {@code output}, which publishes it under the cell's request, so
     * output produced after the future completed (tasks the cell started) still goes to this cell;
     * everything the cell printed before it ended is delivered before the future completes. The
     * future completes with ok or error; completing exceptionally is reported as an error reply
     * naming the exception. The protocol publishes the iopub {@code error} for an error result
     * itself: the session must not publish it again.
     */
    CompletableFuture<ExecutionResult> execute(String code, CellContext cell, OutputSink output);

    /** Completions at {@code cursor} in {@code code}. */
    CompletableFuture<CompletionResult> complete(String code, int cursor);

    /** Documentation for the name at {@code cursor}; {@code detailLevel} is 0 or 1. */
    CompletableFuture<InspectionResult> inspect(String code, int cursor, int detailLevel);

    /** Whether {@code code} is a complete unit a console should run on Enter. */
    CompletableFuture<IsCompleteResult> isComplete(String code);

    /** Interrupts the running cell, if any (the future of its execute then completes with an error). */
    void interrupt();

    /** Releases the session's resources before the kernel exits; {@code restart} tells whether a new kernel follows. */
    void shutdown(boolean restart);
}
