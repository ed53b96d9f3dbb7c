package jaio.kernel.session;

import jaio.kernel.language.CellContext;
import jaio.kernel.language.ExecutionResult;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The direct path ({@link DirectRun}): which pieces of a cell take it, and that a cell shows the same
 * thing on it as through JShell's own pipeline: a second session with the path turned off runs
 * the same cells, with the same cell numbers, and values, output and errors (messages, positions,
 * tracebacks) must match to the byte.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DirectRunTest {
    private static JavaSession direct;
    private static JavaSession jshellOnly;
    private static final AtomicInteger COUNT = new AtomicInteger(100);

    @BeforeAll
    static void start() {
        System.setProperty("jaio.kernel.direct", "off");
        try {
            jshellOnly = JavaSession.start();
        } finally {
            System.clearProperty("jaio.kernel.direct");
        }
        direct = JavaSession.start();
    }

    @AfterAll
    static void stop() {
        direct.shutdown();
        jshellOnly.shutdown();
    }

    /** What a cell showed: its events (output, values) and its result, as text to compare. */
    private record Shown(RecordingSink sink, ExecutionResult result) {
        String text() {
            StringBuilder sb = new StringBuilder();
            for (RecordingSink.Event e : sink.events()) {
                sb.append(e.kind()).append(' ').append(e.name()).append(' ').append(e.payload()).append('\n');
            }
            if (result instanceof ExecutionResult.Error e) {
                sb.append("ERROR ").append(e.ename()).append(": ").append(e.evalue()).append('\n');
                e.traceback().forEach(l -> sb.append(l).append('\n'));
            } else {
                sb.append(result).append('\n');
            }
            return sb.toString();
        }
    }

    private static Shown run(JavaSession session, String code, int count) throws Exception {
        RecordingSink sink = new RecordingSink();
        ExecutionResult r = session.execute(code, CellContext.of(count), sink).get(60, TimeUnit.SECONDS);
        return new Shown(sink, r);
    }

    /** Runs {@code code} in both sessions under one cell number; asserts they show the same; returns the direct session's. */
    private static Shown same(String code) throws Exception {
        int n = COUNT.incrementAndGet();
        Shown expected = run(jshellOnly, code, n);
        Shown actual = run(direct, code, n);
        assertEquals(expected.text(), actual.text(), code);
        return actual;
    }

    /** How many pieces of {@code code} took the direct path (run in both sessions, shown the same). */
    private static long directPieces(String code) throws Exception {
        long before = direct.directRun().runs();
        same(code);
        return direct.directRun().runs() - before;
    }

    @Test
    void expressionsAndStatementsTakeItDeclarationsDoNot() throws Exception {
        assertNotNull(direct.directRun(), "the session reaches JShell's compiler");
        assertNull(jshellOnly.directRun(), "-Djaio.kernel.direct=off turns the path off");
        assertEquals(1, directPieces("1 + 1"));
        assertEquals(1, directPieces("Math.max(1, 2);"));
        assertEquals(1, directPieces("System.out.println(\"hi\");"));
        assertEquals(1, directPieces("for (int k = 0; k < 3; k++) System.out.print(k);\nSystem.out.println();"));
        assertEquals(1, directPieces("int d1 = 4;\nd1 * 2\n"), "the declaration through JShell, the expression direct");
        assertEquals(1, directPieces("Thread.sleep(1);"), "a void call, as a statement");
        same("void d7(String s) { System.out.println(s); }");
        assertEquals(1, directPieces("d7(\"void\")"));
        for (String declaration : List.of("int d2 = 5;", "var d3 = java.util.List.of(1);", "int d4() { return 4; }",
                "record D5(int x) {}", "import java.util.concurrent.atomic.*;", "String d6;")) {
            assertEquals(0, directPieces(declaration), declaration);
        }
        assertEquals(1, directPieces("java.util.List.of(1, 2).stream().mapToInt(Integer::intValue).sum()"), "a method reference as an argument");
        assertEquals(1, directPieces("java.util.List.of(1, 2).forEach(x -> { System.out.println(x); });"), "a lambda as an argument, a void call");
        assertEquals(0, directPieces("(Runnable) () -> {};"), "a lambda at the top: JShell");
        assertEquals(0, directPieces("undefinedThing + 1"), "a compile error goes to JShell, which reports it");
        assertEquals(0, directPieces("System.out.println(5)"), "a void call: JShell");
    }

    @Test
    void valuesAndOutputAreTheSame() throws Exception {
        for (String cell : List.of("1+1", "\"abc\"", "'c'", "5L", "2.5f", "new int[]{1, 2}", "java.util.List.of(1, 2)",
                "new StringBuilder(\"sb\")", "null", "(Object) 3", "Math.max(1, 2);", "new Object() { public String toString() { return \"anon\"; } }",
                "System.out.println(\"x\"); System.err.println(\"y\");", "String.valueOf(3).length()", "int v1 = 6;\nv1 * 7",
                "java.util.stream.IntStream.range(0, 5).boxed().toList()", "java.util.List.of(3, 1, 2).stream().sorted().map(String::valueOf).toList()",
                "java.util.List.of(\"b\", \"a\").stream().sorted(java.util.Comparator.comparing(x -> x)).toList()",
                "java.util.Arrays.stream(new int[] {1, 2, 3}).map(x -> { return x * x; }).sum()", "java.util.Map.of(\"k\", 1)",
"display(\"shown\");", "var o1 = new Object() { int f = 4; };\no1.f",
                "long c1 = 0;\nfor (int k = 0; k < 10; k++) { c1 += k; }\nc1")) {
            same(cell);
        }
    }

    @Test
    void errorsAreTheSameAsJShells() throws Exception {
        same("int e1() { throw new IllegalStateException(\"from e1\"); }");
        same("void e2() { e3(); }");
        for (String cell : List.of("undefinedName + 1", "\"a\" - 1", "Math.max(1)", "int e4 = \"s\";",
                "Integer.parseInt(\"x\")", "throw new RuntimeException(\"boom\");",
                "System.out.println(\"a\");\nif (true) {\n  throw new IllegalStateException(\"line 3\");\n}",
                "1 +\n  e1()", "e2()", "e2();", "((int[]) new int[0])[0]", "Object o = \"s\"; Integer i = (Integer) o;",
                "((Object) \"s\").hashCode() / 0", "for (int k = 0; k < 1; k++) { undefinedCall(); }",
                "java.util.List.of(1).forEach(x -> { throw new IllegalArgumentException(\"in lambda \" + x); });",
                "java.util.List.of(1).stream().map(x -> 10 / (x - 1)).toList()", "java.util.List.of(\"s\").stream().map(Integer::parseInt).toList()",
                "new RuntimeException(\"outer\", new IllegalStateException(\"inner\")).getCause().getCause().toString()",
                "throw new RuntimeException(\"outer\", new IllegalStateException(\"inner\"));",
                "System.exit(3);")) {
            assertInstanceOf(ExecutionResult.Error.class, same(cell).result(), cell);
        }
    }

    @Test
    void tracebacksNameTheCellAndLine() throws Exception {
        long before = direct.directRun().runs();
        Shown shown = same("System.out.println(\"a\");\n\nif (true) {\n  throw new IllegalStateException(\"x\");\n}");
        assertEquals(before + 1, direct.directRun().runs());
        ExecutionResult.Error e = assertInstanceOf(ExecutionResult.Error.class, shown.result());
        assertEquals("java.lang.IllegalStateException: x", e.traceback().get(0));
        assertTrue(e.traceback().get(1).matches("    at Cell In\\[\\d+\\], line 4"), e.traceback().toString());
        same("int t1(int x) {\n  return 10 / x;\n}");
        e = assertInstanceOf(ExecutionResult.Error.class, same("\n t1(0)").result());
        assertTrue(e.traceback().get(1).matches("    at t1 \\(Cell In\\[\\d+\\], line 2\\)"), e.traceback().toString());
        assertTrue(e.traceback().get(2).matches("    at Cell In\\[\\d+\\], line 2"), e.traceback().toString());
    }

    @Test
    void aCellReadsTheVariableAndMethodAsRedefined() throws Exception {
        same("int r1 = 1;");
        assertEquals("2", same("r1 + 1").sink().result());
        same("String r1 = \"x\";");
        assertEquals("\"x1\"", same("r1 + 1").sink().result());
        same("int r2(int x) { return 2 * x; }");
        assertEquals("6", same("r2(3)").sink().result());
        same("int r2(int x) { return 3 * x; }");
        assertEquals("9", same("r2(3)").sink().result());
        same("class R3 { int v() { return 1; } }");
        assertEquals("1", same("new R3().v()").sink().result());
        same("class R3 { int v() { return 2; } }");
        assertEquals("2", same("new R3().v()").sink().result());
    }

    @Test
    void aCellSeesTheDeclarationsItNamesAsJShellWouldImportThem() throws Exception {
        same("class Box { int v = 3; }");
        assertEquals("3", same("new Box().v").sink().result());
        same("int max(int a, int b) { return 42; }");
        assertEquals("42", same("max(1, 2)").sink().result(), "a declaration shadows the prelude's imports");
        assertEquals("2", same("Math.max(1, 2)").sink().result());
        same("int ov(int x) { return 1; }");
        same("int ov(String s) { return 2; }");
        assertEquals("3", same("ov(\"a\") + ov(1)").sink().result(), "every overload is imported");
        same("var list = new java.util.ArrayList<String>(java.util.List.of(\"x\"));");
        assertEquals("[x, y]", same("list.add(\"y\");\nlist").sink().result());
        same("interface Shape { double area(); }");
        same("record Sq(double s) implements Shape { public double area() { return s * s; } }");
        assertEquals("4.0", same("Shape sh = new Sq(2);\nsh.area()").sink().result());
    }

    @Test
    void awaitWorksOnTheDirectPath() throws Exception {
        long before = direct.directRun().runs();
        assertEquals("7", same("await sleep(0.05, 7)").sink().result());
        assertEquals("8", same("(int) await sleep(0.01, 4) * 2").sink().result());
        assertEquals(before + 2, direct.directRun().runs());
        assertEquals("3", same("var aw = createTask(sleep(0.01, 3));\nawait aw").sink().result());
    }

    @Test
    void aBusyDirectCellIsInterrupted() throws Exception {
        for (String body : List.of("while (System.nanoTime() > 0) { }", "Thread.sleep(60_000);", "await sleep(60);")) {
            long before = direct.directRun().runs();
            RecordingSink sink = new RecordingSink();
            // One piece, so the interrupt reaches its code, not the compiler.
            CompletableFuture<ExecutionResult> f = direct.execute("if (true) { System.out.println(\"started\");\n" + body + "\n}",
                    CellContext.of(COUNT.incrementAndGet()), sink);
            assertTrue(sink.await(s -> s.stdout().contains("started"), 10_000), body);
            Thread.sleep(100);
            direct.interrupt();
            ExecutionResult.Error e = assertInstanceOf(ExecutionResult.Error.class, f.get(5, TimeUnit.SECONDS), body);
            assertEquals("KeyboardInterrupt", e.ename(), body + ": " + e);
            assertTrue(e.traceback().stream().anyMatch(l -> l.contains("line 2")), body + ": " + e.traceback());
            assertEquals(before + 1, direct.directRun().runs(), "the statements ran on the direct path: " + body);
            assertEquals("2", run(direct, "1+1", COUNT.incrementAndGet()).sink().result());
        }
    }
}
