package jaio.kernel.session;

import java.util.List;
import java.util.Set;

/**
 * An expression of a cell evaluated as the declaration of a variable holding its value:
 * {@code twice(a) + 1} goes to JShell as {@code Object $jaio7 = (twice(a) + 1);}.
 *
 * <p>Why: JShell compiles a bare expression four times. It attributes it once to learn whether it
 * has a value and of which type ({@code ExpressionToTypeInfo.expressionInfo}), once more to learn
 * the type its temporary variable {@code $n} is declared with ({@code localVariableTypeForInitializer}),
 * then analyzes and compiles the wrapper it built from that type. A variable declared with a type
 * is wrapped without any trial compile: analysis and code generation only, half the javac runs. The
 * cell needs no static type, only the value itself (it is shown from the object, see
 * {@link SessionExecutionControl.Outcome}), so {@code Object} is as good as the exact type; a
 * primitive value arrives boxed, as JShell's own execution engine returns it.
 *
 * <p>Only what is an expression by its first tokens is rewritten (a literal, {@code new}, a
 * parenthesis or unary operator, a name or qualified name alone or followed by a call's
 * {@code (} or an operator); declarations, statements, generic-looking {@code a < b}, lambdas and
 * an assignment to a simple name (JShell shows no value for {@code x = 5}) are left to JShell as
 * they are. A void expression ({@code System.out.println("x")}) does not compile as an initializer:
 * the caller then drops the variable and evaluates the original text, so nothing has run twice
 * and JShell's own diagnostics stay those the user sees for a real error.
 *
 * <p>Line numbers are kept: the declaration's head goes on the line of the expression's first
 * token, which is where JShell starts counting a snippet's lines.
 */
final class ValueDeclaration {
    /** The prefix of the variables' names; each gets a new number (a reused name would make JShell recompile to replace the class). */
    static final String NAME_PREFIX = "$jaio";

    /** Words that make a unit something other than an expression when they come first. */
    private static final Set<String> NOT_EXPRESSION_START = Set.of(
            "if", "for", "while", "do", "try", "switch", "synchronized", "throw", "assert", "return", "yield", "break",
            "continue", "var", "final", "abstract", "static", "public", "private", "protected", "class", "interface",
            "enum", "record", "import", "sealed", "non", "strictfp", "transient", "volatile", "default", "case", "else",
            "catch", "finally", "boolean", "byte", "char", "short", "int", "long", "float", "double", "void", "this",
            "super", "instanceof", "native", "package", "module", "goto", "const");

    private static int counter;

    private ValueDeclaration() {}

    /**
     * {@code unit} (one unit of a cell, as JShell gets it) as a declaration of a new variable holding
     * its value, or null when it is not plainly an expression.
     */
    static Rewritten of(String unit) {
        List<JavaLexer.Token> t = JavaLexer.tokenize(unit);
        int last = t.size() - 1;
        if (last >= 0 && t.get(last).is(";")) {
            last--;
        }
        if (last < 0 || !isExpression(t, last)) {
            return null;
        }
        int from = t.getFirst().start();
        int to = t.get(last).end();
        String name;
        synchronized (ValueDeclaration.class) {
            name = NAME_PREFIX + (++counter);
        }
        String source = unit.substring(0, from) + "Object " + name + " = (" + unit.substring(from, to) + ");";
        return new Rewritten(name, source);
    }

    /** The declaration's source and the name of its variable. */
    record Rewritten(String name, String source) {}

    /** Whether {@code name} is one of the variables this class declares. */
    static boolean isValueVariable(String name) {
        return name.startsWith(NAME_PREFIX) && name.length() > NAME_PREFIX.length()
                && name.substring(NAME_PREFIX.length()).chars().allMatch(Character::isDigit);
    }

    private static boolean isExpression(List<JavaLexer.Token> t, int last) {
        for (int i = 0; i <= last; i++) {
            if (t.get(i).is("->") || t.get(i).is("::") || t.get(i).is("{") || t.get(i).is("}")) {
                // A lambda or method reference has no type of its own; braces may hold a body or a declaration.
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
