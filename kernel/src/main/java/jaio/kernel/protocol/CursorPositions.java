package jaio.kernel.protocol;

/**
 * Converts cursor positions between the protocol (Unicode code points, since protocol 5.2) and Java
 * string indices (UTF-16 units). They differ as soon as the code holds a character outside the BMP,
 * such as an emoji; out-of-range positions are clamped rather than rejected.
 */
final class CursorPositions {

    private CursorPositions() {
    }

    /** A request's {@code cursor_pos} (code points; the end of {@code code} when absent) as a Java index. */
    static int cursorOf(com.google.gson.JsonObject content, String code) {
        return toJavaIndex(code, Json.integer(content, "cursor_pos", code.codePointCount(0, code.length())));
    }

    static int toJavaIndex(String text, int codePoints) {
        int total = text.codePointCount(0, text.length());
        int clamped = Math.max(0, Math.min(codePoints, total));
        return text.offsetByCodePoints(0, clamped);
    }

    static int toCodePoints(String text, int javaIndex) {
        int clamped = Math.max(0, Math.min(javaIndex, text.length()));
        return text.codePointCount(0, clamped);
    }
}
