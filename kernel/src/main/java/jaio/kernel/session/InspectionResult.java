package jaio.kernel.session;

/**
 * The answer to an inspect_request: whether something was found at the cursor and, if so, its
 * description as text/plain (the signatures, then the Javadoc when detail was asked for and the
 * JDK's sources are there to read it from).
 */
public record InspectionResult(boolean found, String text) {
    static InspectionResult notFound() {
        return new InspectionResult(false, "");
    }
}
