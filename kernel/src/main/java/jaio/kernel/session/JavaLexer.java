package jaio.kernel.session;

import java.util.ArrayList;
import java.util.List;

/**
 * A small Java lexer, just enough to find {@code await} as a word of code: it skips whitespace
 * and comments and keeps string, text-block and char literals as single tokens, so nothing inside
 * them is ever taken for code. Multi-character operators other than {@code ::}, {@code ->} and
 * {@code ...} are split into single characters (so {@code >>} closes two type-argument lists).
 * Unterminated literals and comments run to the end of the input instead of failing.
 */
final class JavaLexer {

    /** What a token is. */
    enum Kind { IDENT, NUMBER, STRING, CHAR, OP }

    /** One token: {@code text} is {@code source[start, end)}. */
    record Token(Kind kind, int start, int end, String text) {
        boolean is(String s) {
            return text.equals(s);
        }
    }

    private JavaLexer() {}

    static List<Token> tokenize(String src) {
        List<Token> out = new ArrayList<>();
        int n = src.length();
        int i = 0;
        while (i < n) {
            char c = src.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n' && src.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
            } else if (c == '"' && src.startsWith("\"\"\"", i)) {
                int j = i + 3;
                while (j < n && !src.startsWith("\"\"\"", j)) {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(n, j + 3);
                out.add(token(Kind.STRING, src, i, j));
                i = j;
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && src.charAt(j) != c && src.charAt(j) != '\n') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
                j = Math.min(n, j + 1);
                out.add(token(c == '"' ? Kind.STRING : Kind.CHAR, src, i, j));
                i = j;
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(src.charAt(j))) {
                    j++;
                }
                out.add(token(Kind.IDENT, src, i, j));
                i = j;
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
                int j = i + 1;
                while (j < n) {
                    char d = src.charAt(j);
                    char prev = src.charAt(j - 1);
                    if (Character.isLetterOrDigit(d) || d == '_' || d == '.'
                            || ((d == '+' || d == '-') && "eEpP".indexOf(prev) >= 0)) {
                        j++;
                    } else {
                        break;
                    }
                }
                out.add(token(Kind.NUMBER, src, i, j));
                i = j;
            } else {
                int len = src.startsWith("...", i) ? 3 : (src.startsWith("::", i) || src.startsWith("->", i)) ? 2 : 1;
                out.add(token(Kind.OP, src, i, i + len));
                i += len;
            }
        }
        return out;
    }

    private static Token token(Kind kind, String src, int start, int end) {
        return new Token(kind, start, end, src.substring(start, end));
    }
}
