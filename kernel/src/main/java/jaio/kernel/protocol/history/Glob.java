package jaio.kernel.protocol.history;

import java.util.regex.Pattern;

/** SQLite GLOB semantics (which IPython's history search uses): case-sensitive, matches the whole text. */
final class Glob {

    private Glob() {
    }

    static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                case '[' -> {
                    int close = glob.indexOf(']', i + 2);
                    if (close < 0) {
                        regex.append("\\[");
                    } else {
                        String set = glob.substring(i + 1, close);
                        boolean negate = set.startsWith("^");
                        if (negate) {
                            set = set.substring(1);
                        }
                        regex.append('[').append(negate ? "^" : "")
                                .append(set.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                        i = close;
                    }
                }
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
