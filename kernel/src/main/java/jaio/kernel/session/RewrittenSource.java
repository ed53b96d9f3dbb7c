package jaio.kernel.session;

import java.util.List;

/**
 * A cell's source after {@link AwaitRewriter}, with the map between offsets in the rewritten text
 * and offsets in what the user typed. The rewrite only inserts text (never deletes), so the map is
 * the list of insertions.
 *
 * @param original  what the user typed
 * @param text      what JShell compiles
 * @param insertions the inserted pieces, ordered by their offset in {@code original}
 */
record RewrittenSource(String original, String text, List<Insertion> insertions) {

    /** {@code length} characters were inserted before {@code original[at]}. */
    record Insertion(int at, int length) {}

    static RewrittenSource unchanged(String code) {
        return new RewrittenSource(code, code, List.of());
    }

    /**
     * The offset in {@code original} of the character at {@code rewritten} in {@code text}. A
     * position inside inserted text maps to the original position the insertion was made at.
     */
    int toOriginal(int rewritten) {
        int shift = 0;
        for (Insertion ins : insertions) {
            int insStart = ins.at() + shift;
            if (rewritten < insStart) {
                break;
            }
            if (rewritten < insStart + ins.length()) {
                return ins.at();
            }
            shift += ins.length();
        }
        return Math.max(0, Math.min(original.length(), rewritten - shift));
    }

    /** The offset in {@code text} of {@code original[offset]}, before anything inserted there. */
    int toRewritten(int offset) {
        int shift = 0;
        for (Insertion ins : insertions) {
            if (ins.at() >= offset) {
                break;
            }
            shift += ins.length();
        }
        return offset + shift;
    }

    /** 1-based line of {@code original[offset]}. */
    int lineOf(int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < original.length(); i++) {
            if (original.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    /** 1-based column of {@code original[offset]}. */
    int columnOf(int offset) {
        int lineStart = original.lastIndexOf('\n', Math.max(0, Math.min(offset, original.length()) - 1)) + 1;
        if (offset == 0) {
            lineStart = 0;
        }
        return offset - lineStart + 1;
    }

    /** The text of 1-based line {@code line} of {@code original}, without its line break. */
    String originalLine(int line) {
        String[] lines = original.split("\r?\n", -1);
        return line >= 1 && line <= lines.length ? lines[line - 1] : "";
    }
}
