package jaio.kernel.language;

import java.util.List;

/**
 * The answer to a complete_request: the {@code matches} replace {@code code[cursorStart, cursorEnd)}
 * (Java string indices, as every position of this contract).
 */
public record CompletionResult(List<String> matches, int cursorStart, int cursorEnd) {
    public CompletionResult {
        matches = List.copyOf(matches);
    }

    /** No completion at {@code cursor}. */
    public static CompletionResult none(int cursor) {
        return new CompletionResult(List.of(), cursor, cursor);
    }
}
