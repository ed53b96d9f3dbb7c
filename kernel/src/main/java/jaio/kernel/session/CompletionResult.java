package jaio.kernel.session;

import java.util.List;

/**
 * The answer to a complete_request: the {@code matches} replace the text between
 * {@code cursorStart} and {@code cursorEnd}. Positions count Unicode code points, as the Jupyter
 * protocol does.
 */
public record CompletionResult(List<String> matches, int cursorStart, int cursorEnd) {
    public CompletionResult {
        matches = List.copyOf(matches);
    }
}
