package jaio.kernel.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns a cell's units into what is evaluated: runs of plain statements become one block snippet
 * {@code {s1 s2 ...}}, so a cell of n statements is one compilation instead of n (5000 top-level
 * {@code total += i;} lines: one javac run, not 5000).
 *
 * <p>"Plain" is decided from tokens, conservatively: a statement keyword ({@code if}, {@code for},
 * {@code while}, ...), a block, or a (qualified) name followed by an assignment or
 * {@code ++}/{@code --}, or a {@code System.out.println(...);}. Anything else (declarations, array element assignments, calls) is evaluated
 * as JShell would. Calls keep a snippet of their own because their value must be seen: a coroutine
 * called but never awaited is reported, and a value not shown is dropped at once (JavaSession does
 * not keep JShell's {@code $n} variables). The last unit of a cell keeps its own snippet
 * when it has no {@code ;}, since its value is shown. A block that does not compile is evaluated
 * again unit by unit (see {@link Piece#parts}), which gives exactly JShell's diagnostics and runs
 * the units before the faulty one, as separate snippets would have.
 *
 * <p>The block opens with its {@code {} where the first unit's code starts and closes on a line of
 * its own, so line numbers in errors are those of the cell.
 */
final class StatementBlocks {

    /**
     * What one {@code JShell.eval} gets: {@code source}, made from {@code text[start, end)}; for a
     * block, {@code parts} are its units, to be evaluated one by one if the block is rejected.
     */
    record Piece(int start, int end, String source, List<Piece> parts) {
        boolean isBlock() {
            return !parts.isEmpty();
        }
    }

    private static final Set<String> STATEMENT_KEYWORDS = Set.of(
            "if", "for", "while", "do", "try", "switch", "synchronized", "throw", "assert");
    private static final Set<String> NOT_A_NAME = Set.of(
            "var", "final", "abstract", "static", "public", "private", "protected", "class", "interface", "enum",
            "record", "import", "sealed", "non", "strictfp", "transient", "volatile", "default", "return", "yield",
            "boolean", "byte", "char", "short", "int", "long", "float", "double", "void");

    private StatementBlocks() {}

    static List<Piece> plan(String text, List<SnippetSplitter.Unit> units) {
        List<Piece> pieces = new ArrayList<>();
        List<SnippetSplitter.Unit> run = new ArrayList<>();
        for (SnippetSplitter.Unit u : units) {
            String own = text.substring(u.start(), u.end());
            boolean endsOwnStatement = own.stripTrailing().endsWith(";") || own.stripTrailing().endsWith("}");
            if (u.complete() && endsOwnStatement && isPlainStatement(own)) {
                run.add(u);
                continue;
            }
            flush(text, run, pieces);
            pieces.add(single(u));
        }
        flush(text, run, pieces);
        return pieces;
    }

    private static Piece single(SnippetSplitter.Unit u) {
        return new Piece(u.start(), u.end(), u.source(), List.of());
    }

    private static void flush(String text, List<SnippetSplitter.Unit> run, List<Piece> pieces) {
        if (run.isEmpty()) {
            return;
        }
        int start = run.getFirst().start();
        int end = run.getLast().end();
        String slice = text.substring(start, end);
        int firstCode = JavaLexer.tokenize(slice).getFirst().start();
        String block = slice.substring(0, firstCode) + "{" + slice.substring(firstCode) + "\n}";
        pieces.add(new Piece(start, end, block, run.stream().map(StatementBlocks::single).toList()));
        run.clear();
    }

    /**
     * {@code System.out.println(...)} and its kin: calls known to return nothing (no value to show or
     * to warn about), the statements cells have most.
     */
    private static boolean isPrintCall(List<JavaLexer.Token> t) {
        return t.size() > 6 && t.get(0).is("System") && t.get(1).is(".") && (t.get(2).is("out") || t.get(2).is("err"))
                && t.get(3).is(".") && (t.get(4).is("println") || t.get(4).is("print")) && t.get(5).is("(")
                && t.get(t.size() - 2).is(")") && t.getLast().is(";");
    }

    static boolean isPlainStatement(String unit) {
        List<JavaLexer.Token> t = JavaLexer.tokenize(unit);
        if (t.isEmpty()) {
            return false;
        }
        JavaLexer.Token first = t.getFirst();
        if (first.is("{") || STATEMENT_KEYWORDS.contains(first.text())) {
            return true;
        }
        if ((first.is("+") || first.is("-")) && t.size() > 1 && t.get(1).is(first.text()) && t.get(1).start() == first.end()) {
            return true; // ++x; --x;
        }
        if (first.kind() != JavaLexer.Kind.IDENT || NOT_A_NAME.contains(first.text())) {
            return false;
        }
        if (isPrintCall(t)) {
            return true;
        }
        int i = 1;
        while (i + 1 < t.size() && t.get(i).is(".") && t.get(i + 1).kind() == JavaLexer.Kind.IDENT) {
            i += 2;
        }
        if (i >= t.size()) {
            return false;
        }
        JavaLexer.Token next = t.get(i);
        if (next.is("=") && !(i + 1 < t.size() && t.get(i + 1).is("="))) {
            return true;
        }
        // x += 1, x++, x--: an operator character directly followed by '=' or by itself (+ and - only).
        if (i + 1 < t.size() && t.get(i + 1).start() == next.end()) {
            JavaLexer.Token after = t.get(i + 1);
            if ("+-*/%&|^".contains(next.text()) && next.text().length() == 1 && after.is("=")) {
                return true;
            }
            return (next.is("+") || next.is("-")) && after.is(next.text());
        }
        return false;
    }
}
