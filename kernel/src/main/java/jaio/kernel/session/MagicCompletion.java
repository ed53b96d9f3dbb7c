package jaio.kernel.session;

import jaio.Loop;
import jaio.kernel.magic.ArgumentCompletion;
import jaio.kernel.magic.Magic;
import jaio.kernel.magic.MagicRegistry;
import java.util.Arrays;
import java.util.List;

/**
 * Completion on a magic's line: the magic's name while it is typed ({@code %ti} gives
 * {@code %time}, {@code %timeit}, {@code %%timeline}), then the magic's own completion of the
 * argument under the cursor. {@code start} is the Java index where the matches begin.
 */
record MagicCompletion(List<String> matches, int start) {

    /** The completion at {@code cursor} (a Java index) in {@code code}, or null if the cursor is not on a magic's line. */
    static MagicCompletion at(String code, int cursor, MagicRegistry magics, Loop loop) {
        int lineStart = code.lastIndexOf('\n', cursor - 1) + 1;
        int first = lineStart;
        while (first < cursor && (code.charAt(first) == ' ' || code.charAt(first) == '\t')) {
            first++;
        }
        if (first >= cursor || code.charAt(first) != '%') {
            return null;
        }
        String typed = code.substring(first, cursor);
        int blank = firstBlank(typed);
        if (blank < 0) {
            return new MagicCompletion(magics.completeName(typed), first);
        }
        Magic.Kind kind = typed.startsWith("%%") ? Magic.Kind.CELL : Magic.Kind.LINE;
        String name = typed.substring(kind.prefix().length(), blank);
        Magic magic = magics.find(kind, name).orElse(null);
        if (magic == null) {
            return new MagicCompletion(List.of(), cursor);
        }
        String args = typed.substring(blank);
        int wordStart = Math.max(args.lastIndexOf(' '), args.lastIndexOf('\t')) + 1;
        String word = args.substring(wordStart);
        List<String> previous = Arrays.stream(args.substring(0, wordStart).strip().split("\\s+")).filter(w -> !w.isEmpty()).toList();
        List<String> matches;
        try {
            matches = magic.completeArgument(new ArgumentCompletion(word, previous, loop));
        } catch (RuntimeException e) {
            // A magic's completion must not break completion: report it, offer nothing.
            OutputRouter.kernelErr().println("jaio: completing the arguments of " + kind.prefix() + name + " failed: " + e);
            matches = List.of();
        }
        return new MagicCompletion(matches, cursor - word.length());
    }

    private static int firstBlank(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }
}
