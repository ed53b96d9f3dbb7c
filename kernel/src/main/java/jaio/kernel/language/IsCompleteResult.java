package jaio.kernel.language;

import java.util.Locale;

/**
 * The answer to an is_complete_request; {@code indent} is the text to indent the next line with,
 * non-empty only for {@link Status#INCOMPLETE}.
 */
public record IsCompleteResult(Status status, String indent) {
    public static final IsCompleteResult COMPLETE = new IsCompleteResult(Status.COMPLETE, "");
    public static final IsCompleteResult INCOMPLETE = new IsCompleteResult(Status.INCOMPLETE, "    ");
    public static final IsCompleteResult INVALID = new IsCompleteResult(Status.INVALID, "");
    public static final IsCompleteResult UNKNOWN = new IsCompleteResult(Status.UNKNOWN, "");

    public IsCompleteResult {
        indent = indent == null ? "" : indent;
    }

    public enum Status {
        COMPLETE, INCOMPLETE, INVALID, UNKNOWN;

        /** The status as the protocol spells it: "complete", "incomplete", "invalid", "unknown". */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
