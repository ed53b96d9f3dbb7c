package jaio.kernel.session;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Snippet shapes JShell compiles three or four times, rewritten as a variable declaration with a
 * type, which it compiles twice (analysis, then code generation: no trial compile).
 *
 * <p>Why: for a bare expression JShell attributes the source once to learn whether it has a value
 * and of which type ({@code ExpressionToTypeInfo.expressionInfo}), once more for the type of its
 * temporary variable {@code $n} ({@code localVariableTypeForInitializer}), then analyzes and
 * compiles the wrapper; a statement gets a trial compile (to find unreachable code) before the
 * two; {@code var x = init} gets a trial compile and a type attribution. A declaration with a type
 * goes straight to analysis and generation. The three rewrites:
 * <ul>
 * <li>an expression, {@code twice(a) + 1}, becomes {@code Object $jaio7 = (twice(a) + 1);}: the cell
 *     shows the value itself ({@link SessionExecutionControl.Outcome}), so its static type is not
 *     needed, and a primitive arrives boxed as JShell's own execution engine returns it;</li>
 * <li>statements, {@code for (...) l.add(k);} or a block of them ({@link StatementBlocks}), become
 *     {@code Object $jaio8 = switch (0) { default -> { for (...) l.add(k); yield null; } };}, which
 *     runs them in the same method JShell would, with no value to show;</li>
 * <li>{@code var x = 5;} or {@code var l = new java.util.ArrayList<Integer>();}, where the type is
 *     written in the initializer itself (a literal, or {@code new} of a named type with its type
 *     arguments), becomes {@code int x = 5;} or {@code java.util.ArrayList<Integer> l = ...}, the
 *     type {@code var} infers.</li>
 * </ul>
 * The {@code $jaio} variables are dropped right after they ran ({@link SnippetRun}).
 *
 * <p>Shapes are recognized from tokens, conservatively ({@code System.out.println(x)} is known to be
 * void and left as it is); what does not compile as rewritten (another void call, {@code yield null} after a {@code throw}, an error of the user's) is rejected by JShell
 * before anything ran, and the caller then evaluates the text as written, so the user sees
 * JShell's own result and diagnostics. Line numbers are kept: the declaration's head goes on the
 * line of the first token, where JShell starts counting a snippet's lines.
 */
final class TypedDeclaration {
    /** The prefix of the variables' names; each gets a new number (a reused name would make JShell recompile to replace the class). */
    static final String NAME_PREFIX = "$jaio";

    /** Words that make a unit something other than an expression when they come first. */
    private static final Set<String> NOT_EXPRESSION_START = Set.of(
            "if", "for", "while", "do", "try", "switch", "synchronized", "throw", "assert", "return", "yield", "break",
            "continue", "var", "final", "abstract", "static", "public", "private", "protected", "class", "interface",
            "enum", "record", "import", "sealed", "non", "strictfp", "transient", "volatile", "default", "case", "else",
            "catch", "finally", "boolean", "byte", "char", "short", "int", "long", "float", "double", "void", "this",
            "super", "instanceof", "native", "package", "module", "goto", "const");
    private static final Pattern INT = Pattern.compile("(?:0|[1-9][0-9_]*)");
    private static final Pattern LONG = Pattern.compile("(?:0|[1-9][0-9_]*)[lL]");
    private static final Pattern DOUBLE = Pattern.compile("(?:[0-9][0-9_]*)?\\.[0-9][0-9_]*(?:[eE][+-]?[0-9]+)?[dD]?|[0-9][0-9_]*(?:[eE][+-]?[0-9]+)[dD]?|[0-9][0-9_]*[dD]");

    private static int counter;

    private TypedDeclaration() {}

    /**
     * The rewritten source and the variable it declares; {@code value}: the variable holds the
     * unit's value (to show); {@code temporary}: the variable is the session's, to drop after it ran.
     */
    record Rewritten(String name, String source, boolean value, boolean temporary) {}

    /** {@code piece} (a unit or a block of plain statements, as JShell gets it) rewritten, or null when it has none of the shapes. */
    static Rewritten of(StatementBlocks.Piece piece) {
        String unit = piece.source();
        List<JavaLexer.Token> t = JavaLexer.tokenize(unit);
        int last = t.size() - 1;
        if (last < 0) {
            return null;
        }
        JavaLexer.Token first = t.getFirst();
        if (piece.isBlock()) {
            return statements(unit, t, "");
        }
        if (t.get(last).is(";")) {
            last--;
        }
        if (last < 0) {
            return null;
        }
        String declared = first.is("var") ? typeWrittenIn(unit, t, last) : null;
        if (declared != null) {
            return new Rewritten(t.get(1).text(), unit.substring(0, first.start()) + declared + unit.substring(first.end(), t.get(last).end()) + ";",
                    false, false);
        }
        if (!isExpression(t, last) || isPrintCall(t)) {
            return null;
        }
        String name = newName();
        return new Rewritten(name, unit.substring(0, first.start()) + "Object " + name + " = ("
                + unit.substring(first.start(), t.get(last).end()) + ");", true, true);
    }

    /**
     * {@code piece}, an expression, as a statement in the statement-block shape (no value): what a
     * void call ({@code Thread.sleep(100);}, {@code greet("x")}) compiles as, which the expression
     * shape rejects. Null when it does not end in a call's {@code )}.
     */
    static Rewritten asStatement(StatementBlocks.Piece piece) {
        List<JavaLexer.Token> t = JavaLexer.tokenize(piece.source());
        int last = t.size() - (!t.isEmpty() && t.getLast().is(";") ? 2 : 1);
        if (last < 0 || !t.get(last).is(")")) {
            return null; // only a call can be void: anything else failed for a reason of its own
        }
        return statements(piece.source(), t, t.getLast().is(";") ? "" : ";");
    }

    private static Rewritten statements(String unit, List<JavaLexer.Token> t, String end) {
        String name = newName();
        return new Rewritten(name, unit.substring(0, t.getFirst().start()) + "Object " + name + " = switch (0) { default -> { "
                + unit.substring(t.getFirst().start(), t.getLast().end()) + end + "\nyield null; } };", false, true);
    }

    /** Whether {@code name} is one of the variables this class declares for the session. */
    static boolean isValueVariable(String name) {
        return name.startsWith(NAME_PREFIX) && name.length() > NAME_PREFIX.length()
                && name.substring(NAME_PREFIX.length()).chars().allMatch(Character::isDigit);
    }

    private static synchronized String newName() {
        return NAME_PREFIX + (++counter);
    }

    /**
     * For {@code var name = init} ({@code t[0..last]}): the type {@code var} infers when {@code init}
     * spells it (a literal; {@code new} of a qualified name with explicit type arguments or none and
     * an argument list ending the initializer), else null.
     */
    private static String typeWrittenIn(String unit, List<JavaLexer.Token> t, int last) {
        if (last < 3 || t.get(1).kind() != JavaLexer.Kind.IDENT || !t.get(2).is("=")
                || (t.get(3).is("=") && t.get(3).start() == t.get(2).end())) {
            return null;
        }
        JavaLexer.Token init = t.get(3);
        if (last == 3) {
            return switch (init.kind()) {
                case STRING -> "String";
                case CHAR -> "char";
                case NUMBER -> numberType(init.text());
                case IDENT -> init.is("true") || init.is("false") ? "boolean" : null;
                case OP -> null;
            };
        }
        if (!init.is("new") || !t.get(last).is(")")) {
            return null;
        }
        // new a.b.C<X, Y<Z>>( ... ) with the argument list closing at the end.
        int i = 4;
        if (i > last || t.get(i).kind() != JavaLexer.Kind.IDENT || NOT_EXPRESSION_START.contains(t.get(i).text())) {
            return null;
        }
        i++;
        while (i + 1 <= last && t.get(i).is(".") && t.get(i + 1).kind() == JavaLexer.Kind.IDENT) {
            i += 2;
        }
        int typeEnd = i;
        if (i <= last && t.get(i).is("<")) {
            int depth = 0;
            for (; i <= last; i++) {
                JavaLexer.Token k = t.get(i);
                if (k.is("<")) {
                    depth++;
                } else if (k.is(">")) {
                    depth--;
                } else if (!(k.kind() == JavaLexer.Kind.IDENT || k.is(",") || k.is(".") || k.is("?") || k.is("[") || k.is("]"))) {
                    return null;
                }
                if (depth == 0) {
                    break;
                }
            }
            if (i > last || i == typeEnd + 1) {
                return null; // unbalanced, or the diamond: the type is inferred
            }
            typeEnd = ++i;
        }
        if (typeEnd > last || !t.get(typeEnd).is("(")) {
            return null;
        }
        int depth = 0;
        for (i = typeEnd; i <= last; i++) {
            if (t.get(i).is("(")) {
                depth++;
            } else if (t.get(i).is(")")) {
                depth--;
                if (depth == 0 && i != last) {
                    return null; // new C().m(): the type is the call's
                }
            } else if (t.get(i).is("{") || t.get(i).is("}") || t.get(i).is("->") || t.get(i).is("::")) {
                return null;
            }
        }
        return unit.substring(t.get(4).start(), t.get(typeEnd - 1).end());
    }

    private static String numberType(String n) {
        if (INT.matcher(n).matches()) {
            return "int";
        }
        if (LONG.matcher(n).matches()) {
            return "long";
        }
        if (DOUBLE.matcher(n).matches()) {
            return "double";
        }
        return null;
    }

    /** {@code System.out.println(x)} without its {@code ;}: void, so the typed shape would only be rejected first. */
    private static boolean isPrintCall(List<JavaLexer.Token> t) {
        return t.size() > 5 && t.get(0).is("System") && t.get(1).is(".") && (t.get(2).is("out") || t.get(2).is("err"))
                && t.get(3).is(".") && (t.get(4).is("println") || t.get(4).is("print")) && t.get(5).is("(");
    }

    private static boolean isExpression(List<JavaLexer.Token> t, int last) {
        int depth = 0;
        for (int i = 0; i <= last; i++) {
            JavaLexer.Token k = t.get(i);
            if (k.is("(") || k.is("[")) {
                depth++;
            } else if (k.is(")") || k.is("]")) {
                depth--;
            } else if (depth <= 0 && (k.is("->") || k.is("::") || k.is("{") || k.is("}"))) {
                // A lambda or method reference has no type of its own; braces may hold a body or a
                // declaration. Inside an argument list ({@code l.forEach(x -> f(x))}) they take the
                // parameter's type, which no assignment context changes.
                return false;
            }
        }
        JavaLexer.Token first = t.getFirst();
        switch (first.kind()) {
            case NUMBER, STRING, CHAR -> {
                return true;
            }
            case OP -> {
                // ( cast or parenthesized, ! ~ unary; + and - unary unless ++/-- (a statement in StatementBlocks).
                if (first.is("(") || first.is("!") || first.is("~")) {
                    return true;
                }
                return (first.is("-") || first.is("+")) && !(t.size() > 1 && t.get(1).is(first.text()) && t.get(1).start() == first.end());
            }
            case IDENT -> {
                if (first.is("new")) {
                    return true;
                }
                if (NOT_EXPRESSION_START.contains(first.text())) {
                    return false;
                }
                int i = 1;
                while (i + 1 <= last && t.get(i).is(".") && t.get(i + 1).kind() == JavaLexer.Kind.IDENT) {
                    i += 2;
                }
                if (i > last) {
                    return true; // a name or qualified name alone: its value
                }
                JavaLexer.Token next = t.get(i);
                if (next.is("(")) {
                    return true; // a call (a declaration never has a name directly before '(')
                }
                if (next.kind() != JavaLexer.Kind.OP || next.is("<") || next.is("[") || next.is(".") || next.is("@")) {
                    // Type Name, List<String> x, int[] a, a.<T>m(): declarations or shapes left to JShell.
                    return false;
                }
                // x = 5 shows no value in JShell; x == 5 and x += 1 do.
                return !(i == 1 && next.is("=") && !(i + 1 <= last && t.get(i + 1).is("=") && t.get(i + 1).start() == next.end()));
            }
        }
        return false;
    }
}
