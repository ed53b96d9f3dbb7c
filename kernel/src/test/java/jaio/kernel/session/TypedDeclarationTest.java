package jaio.kernel.session;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which snippet shapes become typed declarations, and that the first token stays on its line. */
class TypedDeclarationTest {

    private static TypedDeclaration.Rewritten unit(String source) {
        return TypedDeclaration.of(new StatementBlocks.Piece(0, source.length(), source, List.of()));
    }

    @Test
    void anExpressionHoldsItsValueInANewVariable() {
        TypedDeclaration.Rewritten r = unit("twice(a) + 1");
        assertTrue(r.value());
        assertTrue(r.temporary());
        assertTrue(TypedDeclaration.isValueVariable(r.name()));
        assertEquals("Object " + r.name() + " = (twice(a) + 1);", r.source());
        TypedDeclaration.Rewritten withComment = unit("\n// note\n  42 // the answer\n");
        assertEquals("\n// note\n  Object " + withComment.name() + " = (42);", withComment.source());
        for (String e : List.of("1+1", "\"s\".length()", "new P(1, 2).x()", "x", "a.b.c", "Math.max(1, 2);", "x == 5", "x += 1", "!done", "(int) d",
                "l.stream().mapToInt(Integer::intValue).sum()", "l.forEach(x -> { System.out.println(x); })", "f(new int[] {1})")) {
            assertTrue(unit(e) != null && unit(e).value(), e);
        }
    }

    @Test
    void declarationsAssignmentsLambdasAndPrintCallsAreLeftAsWritten() {
        for (String s : List.of("x = 5", "int x = 5;", "String s = \"a\";", "List<String> l = new ArrayList<>();", "a < b", "x -> x",
                "String::length", "(Runnable) () -> {}", "new Object() { }", "void f() {}", "record P(int x) {}", "import java.util.*;", "System.out.println(x)",
                "arr[0]", "int[] a = {1};", "var s = foo();", "var l = new ArrayList<>();", "var r = new Runnable() { public void run() {} };")) {
            assertNull(unit(s), s);
        }
    }

    @Test
    void varGetsTheTypeItsInitializerSpells() {
        assertEquals("int n = 10;", unit("var n = 10;").source());
        assertEquals("long n = 10L;", unit("var n = 10L;").source());
        assertEquals("double d = 1.5;", unit("var d = 1.5;").source());
        assertEquals("String s = \"a\";", unit("var s = \"a\";").source());
        assertEquals("boolean b = true;", unit("var b = true;").source());
        assertEquals("java.util.ArrayList<Integer> l = new java.util.ArrayList<Integer>();",
                unit("var l = new java.util.ArrayList<Integer>();").source());
        assertEquals("Map<String, List<Integer>> m = new Map<String, List<Integer>>(3);",
                unit("var m = new Map<String, List<Integer>>(3);").source());
        TypedDeclaration.Rewritten r = unit("var n = 10;");
        assertEquals("n", r.name());
        assertFalse(r.temporary());
        assertFalse(r.value());
        assertNull(unit("var x = 0x1F;"));
        assertNull(unit("var p = new P(1).q();"));
    }

    @Test
    void aBlockOfStatementsRunsInASwitchExpressionWithNoValue() {
        String block = "{for (int k = 0; k < 3; k++) l.add(k);\n}";
        TypedDeclaration.Rewritten r = TypedDeclaration.of(new StatementBlocks.Piece(0, block.length(), block,
                List.of(new StatementBlocks.Piece(0, 1, "x", List.of()))));
        assertFalse(r.value());
        assertTrue(r.temporary());
        assertEquals("Object " + r.name() + " = switch (0) { default -> { " + block + "\nyield null; } };", r.source());
    }
}
