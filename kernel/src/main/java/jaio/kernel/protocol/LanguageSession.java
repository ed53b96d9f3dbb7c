package jaio.kernel.protocol;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The language side of the kernel: everything the protocol layer needs from the language and
 * nothing about sockets or message framing (ipykernel's split between kernelbase and ipkernel).
 *
 * <p>Threading contract: every method is called from a kernel thread that serves other requests
 * too, so no method may block for long. {@link #execute} returns at once and completes its future
 * when the cell has finished; until then the kernel keeps answering {@code complete},
 * {@code inspect}, {@code is_complete}, {@code kernel_info}, history and comm messages, which may
 * therefore arrive while a cell runs. Executes are never overlapped: the next one is passed only after
 * the previous future completed. {@link #interrupt} and {@link #shutdown} are called from the control
 * thread, possibly while an execute is running. Positions are Java {@code String} indices (UTF-16
 * units); the kernel converts from and to the protocol's code-point positions.
 */
public interface LanguageSession {

    /** The kernel_info_reply's {@code language_info}. */
    LanguageInfo languageInfo();

    /** The kernel_info_reply's {@code banner}. */
    default String banner() {
        return "jaio " + KernelInfoHandler.IMPLEMENTATION_VERSION + " on Java " + Runtime.version();
    }

    /** The kernel_info_reply's {@code help_links}. */
    default List<HelpLink> helpLinks() {
        return List.of();
    }

    /**
     * Runs one cell. Output goes through {@code context} (which also knows the cell's parent message,
     * so output produced after the future completed still goes to this cell). The future completes
     * with ok or error; completing exceptionally is reported as an error reply naming the exception.
     * The kernel publishes the iopub {@code error} message for an error result itself: the session
     * must not publish it again.
     */
    CompletableFuture<ExecuteResult> execute(ExecuteRequest request, ExecutionContext context);

    /** Completions at {@code cursorPos} in {@code code}. */
    CompletableFuture<Completion> complete(String code, int cursorPos);

    /** Documentation for the name at {@code cursorPos}; {@code detailLevel} is 0 or 1. */
    CompletableFuture<Inspection> inspect(String code, int cursorPos, int detailLevel);

    /** Whether {@code code} is a complete unit a console should run on Enter. */
    CompletableFuture<IsCompleteResult> isComplete(String code);

    /** Interrupts the running cell, if any (the future of its execute should then complete with an error). */
    void interrupt();

    /** Releases the session's resources before the kernel exits; {@code restart} tells whether a new kernel follows. */
    void shutdown(boolean restart);
}
