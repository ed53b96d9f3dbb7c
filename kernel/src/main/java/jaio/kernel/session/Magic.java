package jaio.kernel.session;

/**
 * One magic command: {@code %name args} on a line of its own, and/or {@code %%name args} as the
 * first line of a cell whose remaining lines are its body.
 */
interface Magic {
    /** The name without percent signs. */
    String name();

    /** One or more lines showing how to call it, as the error for wrong arguments prints them. */
    String usage();

    /** Whether {@code %name} (line) and {@code %%name} (cell) forms exist. */
    boolean hasLineForm();

    boolean hasCellForm();

    /**
     * Runs the command. {@code body} is null for the line form. Throws {@link MagicUsageError} for
     * wrong arguments; anything else it throws is reported as the cell's error.
     */
    ExecutionResult run(String args, String body, MagicContext context) throws Exception;
}
