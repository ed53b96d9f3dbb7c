package jaio.kernel.session;

import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Cuts a cell's source into the units JShell evaluates one at a time (statements, declarations,
 * expressions), in time linear in the cell's length.
 *
 * <p>JShell's {@code analyzeCompletion} finds the first unit of a text but reads all of it (it masks
 * comments over the whole input), so asking it about "the rest of the cell" for every unit made a
 * cell of n statements cost n²: 2000 one-line statements took 54 s. Here it sees a window after the
 * current position instead, doubled until the answer cannot depend on what lies beyond the window:
 * either the window reaches the end of the cell, or the unit ends in the window's first half with
 * its own {@code ;} or {@code }} and at least two tokens follow it there (the analyzer decides
 * where a unit ends from the token after it: {@code else}, {@code catch}, an operator on the next
 * line). A window that would end inside a text block or comment only makes the unit undecided, and
 * the window grows.
 */
final class SnippetSplitter {

    /** One unit: {@code source} as JShell should get it (a {@code ;} added where the analyzer adds one), at {@code [start, end)} of the text. */
    record Unit(int start, int end, String source, boolean complete) {}

    private static final int FIRST_WINDOW = 1024;

    private SnippetSplitter() {}

    /** The units of {@code text}; {@code analyze} is JShell's analyzeCompletion (taking whatever lock it needs). */
    static List<Unit> split(String text, Function<String, CompletionInfo> analyze) {
        List<Unit> units = new ArrayList<>();
        int pos = 0;
        int n = text.length();
        while (pos < n) {
            int window = Math.min(FIRST_WINDOW, n - pos);
            while (true) {
                String part = text.substring(pos, pos + window);
                boolean whole = pos + window == n;
                CompletionInfo ci = analyze.apply(part);
                int consumed = part.length() - ci.remaining().length();
                if (whole) {
                    switch (ci.completeness()) {
                        case EMPTY -> {
                            return units;
                        }
                        case COMPLETE, COMPLETE_WITH_SEMI -> units.add(new Unit(pos, pos + consumed, ci.source(), true));
                        // Incomplete or unknown: JShell gets the rest as is, for its diagnostics.
                        default -> {
                            units.add(new Unit(pos, n, text.substring(pos), false));
                            return units;
                        }
                    }
                    pos += consumed;
                    break;
                }
                if (ci.completeness() == jdk.jshell.SourceCodeAnalysis.Completeness.COMPLETE
                        && consumed <= window / 2 && JavaLexer.tokenize(ci.remaining()).size() >= 2) {
                    units.add(new Unit(pos, pos + consumed, ci.source(), true));
                    pos += consumed;
                    break;
                }
                window = Math.min(window * 2, n - pos);
            }
        }
        return units;
    }
}
