package jaio.kernel.protocol;

/** An is_complete_reply; {@code indent} is only sent for {@link Status#INCOMPLETE}. */
public record IsCompleteResult(Status status, String indent) {

    public enum Status {
        COMPLETE, INCOMPLETE, INVALID, UNKNOWN;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static IsCompleteResult of(Status status) {
        return new IsCompleteResult(status, "");
    }
}
