package jaio.kernel.language;

/**
 * The answer to an inspect_request: whether something was found at the cursor and, if so, its
 * description as text/plain (the signatures, then the Javadoc).
 */
public record InspectionResult(boolean found, String text) {
    public static InspectionResult notFound() {
        return new InspectionResult(false, "");
    }
}
