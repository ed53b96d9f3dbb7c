package jaio.kernel.session;

/**
 * The answer to an is_complete_request. {@code status} is one of "complete", "incomplete",
 * "invalid" (Jupyter's "unknown" is never answered); {@code indent} is the text to indent the next
 * line with, non-empty only for "incomplete".
 */
public record IsCompleteResult(String status, String indent) {
    static final IsCompleteResult COMPLETE = new IsCompleteResult("complete", "");
    static final IsCompleteResult INCOMPLETE = new IsCompleteResult("incomplete", "    ");
    static final IsCompleteResult INVALID = new IsCompleteResult("invalid", "");
}
