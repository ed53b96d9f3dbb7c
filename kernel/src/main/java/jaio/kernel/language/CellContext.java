package jaio.kernel.language;

/**
 * What a session needs to know about one execute request: its execution count (for tracebacks:
 * {@code In[3]}), whether it is silent (no execute_result), and how it reads input from the frontend.
 */
public record CellContext(int executionCount, boolean silent, InputChannel input) {
    public CellContext {
        input = input == null ? InputChannel.NONE : input;
    }

    public CellContext(int executionCount, boolean silent) {
        this(executionCount, silent, InputChannel.NONE);
    }

    public static CellContext of(int executionCount) {
        return new CellContext(executionCount, false);
    }
}
