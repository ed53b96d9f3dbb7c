package jaio.kernel.language;

import java.util.List;

/** How a cell ended: the content of an execute_reply. */
public sealed interface ExecutionResult {

    /** The cell ran to its end; {@code page} is text for the frontend's pager ({@code Math.max?}), or null. */
    record Ok(String page) implements ExecutionResult {}

    /**
     * The cell stopped at an error. {@code ename} is the exception's qualified class name, except for
     * three conditions the kernel names itself: {@code CompilationError} (javac rejected a snippet),
     * {@code KeyboardInterrupt} (the user interrupted the cell) and {@code SystemExit} (the cell
     * called System.exit/Runtime.exit/halt). {@code traceback} holds the lines to show, the first
     * one being {@code ename: evalue}; user frames name the cell and line ({@code Cell In[3], line 2}).
     */
    record Error(String ename, String evalue, List<String> traceback) implements ExecutionResult {
        public Error {
            traceback = List.copyOf(traceback);
        }
    }

    static ExecutionResult ok() {
        return new Ok(null);
    }

    /** A completed cell whose reply shows {@code text} in the frontend's pager. */
    static ExecutionResult page(String text) {
        return new Ok(text);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }
}
