package jaio.kernel.session;

/**
 * What the protocol layer tells the session about one execute request.
 *
 * @param executionCount the number the front end shows as {@code In[n]}; tracebacks name the cell by it
 * @param silent         Jupyter's {@code silent}: run the code but send no execute_result
 */
public record CellContext(int executionCount, boolean silent) {
    public static CellContext of(int executionCount) {
        return new CellContext(executionCount, false);
    }
}
