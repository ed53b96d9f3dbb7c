package jaio.kernel.session;

import jaio.kernel.session.JavaLexer.Kind;
import jaio.kernel.session.JavaLexer.Token;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Rewrites the cell sugar {@code await expr} into the call {@code await(expr)} before JShell sees
 * the source; {@code await} binds like a unary operator, as in Python: {@code await a.b(c)[i]}
 * awaits the whole postfix expression, {@code await a + b} is {@code await(a) + b}.
 *
 * <p>Only {@code await} as a word of code is touched: the {@link JavaLexer} keeps strings, char
 * literals, text blocks and comments whole. {@code await(x)} (already a call), a member named
 * {@code await} ({@code x.await}) and a variable named {@code await} ({@code await = 1}) are left
 * alone; so is {@code await(x)} written as a call, but {@code await (x).y()} (with a space) awaits
 * {@code (x).y()}, as Python reads {@code await (await get()).text()}. The rewrite only inserts {@code (} after the word and {@code )} after the operand, so a
 * {@link RewrittenSource} maps every offset back to what the user typed. An operand that cannot be
 * delimited (the cell is incomplete) is left unrewritten, so JShell reports it as the user wrote it.
 */
final class AwaitRewriter {

    /** Keywords that cannot start an awaited operand (so {@code await instanceof X} is not sugar). */
    private static final Set<String> NOT_OPERAND_START = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "package", "private", "protected", "public", "return", "short", "static", "strictfp", "synchronized",
            "throw", "throws", "transient", "try", "void", "volatile", "while", "var", "yield", "record",
            "permits", "sealed", "non-sealed");

    private AwaitRewriter() {}

    static RewrittenSource rewrite(String code) {
        List<Token> toks = JavaLexer.tokenize(code);
        record Edit(int at, String text, int order) {}
        List<Edit> edits = new ArrayList<>();
        for (int i = 0; i < toks.size(); i++) {
            int end;
            if (isSugarAwait(toks, i)) {
                end = operandEnd(toks, i + 1);
            } else if (isParenthesizedSugar(toks, i)) {
                end = postfixEnd(toks, closing(toks, i + 1));
            } else {
                continue;
            }
            if (end < 0) {
                continue;
            }
            edits.add(new Edit(toks.get(i).end(), "(", edits.size()));
            edits.add(new Edit(toks.get(end - 1).end(), ")", edits.size()));
        }
        if (edits.isEmpty()) {
            return RewrittenSource.unchanged(code);
        }
        edits.sort(Comparator.comparingInt(Edit::at).thenComparingInt(Edit::order));
        StringBuilder sb = new StringBuilder(code.length() + edits.size());
        List<RewrittenSource.Insertion> insertions = new ArrayList<>();
        int pos = 0;
        for (Edit e : edits) {
            sb.append(code, pos, e.at()).append(e.text());
            pos = e.at();
            insertions.add(new RewrittenSource.Insertion(e.at(), e.text().length()));
        }
        sb.append(code, pos, code.length());
        return new RewrittenSource(code, sb.toString(), List.copyOf(insertions));
    }

    /** Whether {@code toks[i]} is the word {@code await} used as a prefix operator. */
    private static boolean isSugarAwait(List<Token> toks, int i) {
        Token t = toks.get(i);
        if (t.kind() != Kind.IDENT || !t.is("await") || i + 1 >= toks.size()) {
            return false;
        }
        if (i > 0 && (toks.get(i - 1).is(".") || toks.get(i - 1).is("::"))) {
            return false;
        }
        return startsOperand(toks.get(i + 1));
    }

    /**
     * {@code await (x).y()} with a space before the parenthesis and a member access or index after
     * it: Python's {@code await} applies to the whole primary, so this awaits {@code (x).y()}.
     * Written without the space, {@code await(x).y()} stays the call form: await x, then call y.
     */
    private static boolean isParenthesizedSugar(List<Token> toks, int i) {
        Token t = toks.get(i);
        if (t.kind() != Kind.IDENT || !t.is("await") || i + 1 >= toks.size() || !toks.get(i + 1).is("(")
                || toks.get(i + 1).start() == t.end()) {
            return false;
        }
        if (i > 0 && (toks.get(i - 1).is(".") || toks.get(i - 1).is("::"))) {
            return false;
        }
        int close = closing(toks, i + 1);
        return close > 0 && close < toks.size() && (toks.get(close).is(".") || toks.get(close).is("["));
    }

    private static boolean startsOperand(Token t) {
        return switch (t.kind()) {
            case IDENT -> !NOT_OPERAND_START.contains(t.text());
            case NUMBER, STRING, CHAR -> true;
            // "await (x)" is the call form already: leave it.
            case OP -> false;
        };
    }

    /** The index just past the operand starting at {@code i}, or -1 if it cannot be delimited. */
    private static int operandEnd(List<Token> toks, int i) {
        if (i >= toks.size()) {
            return -1;
        }
        Token t = toks.get(i);
        int j;
        if (t.kind() == Kind.IDENT && t.is("await") && i + 1 < toks.size() && startsOperand(toks.get(i + 1))) {
            return operandEnd(toks, i + 1);
        } else if (t.kind() == Kind.IDENT && t.is("new")) {
            j = creationEnd(toks, i + 1);
        } else if (t.is("(")) {
            j = closing(toks, i);
        } else if (t.kind() != Kind.OP) {
            j = i + 1;
        } else {
            return -1;
        }
        return j < 0 ? -1 : postfixEnd(toks, j);
    }

    /** After {@code new}: a type name with type arguments, then arguments and an optional body, or array dims. */
    private static int creationEnd(List<Token> toks, int i) {
        int j = i;
        while (j < toks.size()) {
            Token t = toks.get(j);
            if (t.kind() == Kind.IDENT || t.is(".")) {
                j++;
            } else if (t.is("<")) {
                j = closing(toks, j);
                if (j < 0) {
                    return -1;
                }
            } else {
                break;
            }
        }
        if (j >= toks.size()) {
            return -1;
        }
        if (toks.get(j).is("[")) {
            while (j < toks.size() && toks.get(j).is("[")) {
                j = closing(toks, j);
                if (j < 0) {
                    return -1;
                }
            }
            return j < toks.size() && toks.get(j).is("{") ? closing(toks, j) : j;
        }
        if (!toks.get(j).is("(")) {
            return -1;
        }
        j = closing(toks, j);
        if (j >= 0 && j < toks.size() && toks.get(j).is("{")) {
            j = closing(toks, j);
        }
        return j;
    }

    /** Member accesses, calls and indexing after a primary. */
    private static int postfixEnd(List<Token> toks, int j) {
        while (j < toks.size()) {
            Token t = toks.get(j);
            if (t.is(".") && j + 1 < toks.size()) {
                j++;
                if (toks.get(j).is("<")) {
                    j = closing(toks, j);
                    if (j < 0 || j >= toks.size()) {
                        return -1;
                    }
                }
                Token name = toks.get(j);
                if (name.kind() != Kind.IDENT) {
                    return -1;
                }
                if (name.is("new")) {
                    j = creationEnd(toks, j + 1);
                    if (j < 0) {
                        return -1;
                    }
                } else {
                    j++;
                }
            } else if (t.is("(") || t.is("[")) {
                j = closing(toks, j);
                if (j < 0) {
                    return -1;
                }
            } else {
                break;
            }
        }
        return j;
    }

    /**
     * The index after the bracket closing the one at {@code open} ({@code ( [ { <}), or -1 when the
     * input ends first. Type-argument lists stop at anything that cannot be inside one.
     */
    private static int closing(List<Token> toks, int open) {
        String o = toks.get(open).text();
        String c = switch (o) {
            case "(" -> ")";
            case "[" -> "]";
            case "{" -> "}";
            default -> ">";
        };
        int depth = 0;
        for (int j = open; j < toks.size(); j++) {
            Token t = toks.get(j);
            if (o.equals("<") && (t.is(";") || t.is("{") || t.is("}") || t.is("(") || t.is(")") || t.is("="))) {
                return -1;
            }
            if (t.kind() != Kind.OP) {
                continue;
            }
            if (t.is(o)) {
                depth++;
            } else if (t.is(c)) {
                depth--;
                if (depth == 0) {
                    return j + 1;
                }
            }
        }
        return -1;
    }
}
