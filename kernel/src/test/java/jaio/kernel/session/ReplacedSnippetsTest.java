package jaio.kernel.session;

import jaio.kernel.language.CompletionResult;
import jaio.kernel.language.ExecutionResult;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Replaced snippets are forgotten ({@link SnippetHistory}) and their classes unloaded
 * ({@link CellClassLoader}), while what the user sees stays: values, tracebacks with cell lines,
 * completion, tasks of earlier cells.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReplacedSnippetsTest {
    private static JavaSession session;
    private static SessionCells cells;

    @BeforeAll
    static void start() {
        session = JavaSession.start();
        cells = new SessionCells(session);
    }

    @AfterAll
    static void stop() {
        session.shutdown();
    }

    private static SessionCells.Run exec(String code) throws Exception {
        return cells.exec(code);
    }

    /** Runs a cell that must succeed; returns its value as shown. */
    private static String ok(String code) throws Exception {
        return cells.ok(code).value();
    }

    /** Collects garbage until {@code condition} (a boolean expression of the session) holds, a few times at most. */
    private static String afterGc(String condition) throws Exception {
        String v = null;
        for (int i = 0; i < 5 && !"true".equals(v); i++) {
            System.gc();
            v = ok(condition);
        }
        return v;
    }

    @Test
    void aReplacedClassMethodAndValueAreUnloadedAndFreed() throws Exception {
        ok("java.lang.ref.WeakReference<?>[] refs = new java.lang.ref.WeakReference<?>[3];");
        ok("class Payload { byte[] data = new byte[1 << 20]; }");
        ok("Payload keep = new Payload();");
        ok("Class<?> where() { return java.lang.invoke.MethodHandles.lookup().lookupClass(); }");
        ok("refs[0] = new java.lang.ref.WeakReference<>(keep); refs[1] = new java.lang.ref.WeakReference<>(Payload.class);"
                + " refs[2] = new java.lang.ref.WeakReference<>(where());");
        assertEquals("false", ok("refs[0].get() == null || refs[1].get() == null || refs[2].get() == null"));
        ok("Class<?> where() { return null; }");
        ok("class Payload { int v = 7; }");
        assertEquals("7", ok("new Payload().v"), "the new class is used");
        assertEquals("true", afterGc("refs[0].get() == null && refs[1].get() == null && refs[2].get() == null"),
                "old value " + ok("refs[0].get()") + ", old class " + ok("refs[1].get()") + ", old method's class " + ok("refs[2].get()"));
    }

    @Test
    void valuesTracebacksCompletionAndOldTasksStayAfterManyReplacedSnippets() throws Exception {
        ok("int counter = 40;");
        SessionCells.Run half = exec("int half(int n) {\n    if (n < 0) throw new IllegalArgumentException(\"negative\");\n    return n / 2;\n}");
        ok("Task<?>[] started = new Task<?>[1];");
        // Started by a statement, whose snippet JShell forgets at once: its code lives on in the task.
        SessionCells.Run task = exec("started[0] = createTask(async(() -> {\n    await(sleep(1.5));\n    throw new IllegalStateException(\"late\");\n}));");
        for (int i = 0; i < 60; i++) {
            ok("int filler = " + i + ";");
            ok("filler + counter");
            ok("counter++;");
        }
        afterGc("true");
        assertEquals("100", ok("counter"), "a variable kept its value through 60 replaced neighbours");
        assertEquals("59", ok("filler"));
        ExecutionResult.Error e = assertInstanceOf(ExecutionResult.Error.class, exec("half(-1)").result());
        assertEquals("    at half (Cell In[" + half.count() + "], line 2)", e.traceback().get(1), e.traceback().toString());
        CompletionResult c = session.complete("fille", 5).join();
        assertTrue(c.matches().contains("filler"), c.matches().toString());
        ExecutionResult.Error late = assertInstanceOf(ExecutionResult.Error.class, exec("await started[0]").result());
        assertEquals("late", late.evalue());
        assertTrue(late.traceback().stream().anyMatch(l -> l.contains("Cell In[" + task.count() + "], line 3")), late.traceback().toString());
    }
}
