package jaio.kernel.session;

import jaio.kernel.language.CompletionResult;
import jaio.kernel.language.ExecutionResult;

import jaio.kernel.magic.CellMagic;
import jaio.kernel.magic.LineMagic;
import jaio.kernel.magic.MagicCall;
import jaio.kernel.magic.UsageException;
import jaio.kernel.magic.ArgumentCompletion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The magics registry as cells use it: %lsmagic, errors, a magic running Java of the cell, completion. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MagicsTest {
    private static JavaSession session;
    private static SessionCells cells;

    /** {@code %twice EXPR}: evaluates EXPR (await allowed) and prints it twice, on the cell's loop thread. */
    static final class Twice implements LineMagic {
        @Override
        public String name() {
            return "twice";
        }

        @Override
        public String usage() {
            return "%twice EXPRESSION";
        }

        @Override
        public String summary() {
            return "print a value twice";
        }

        @Override
        public void run(MagicCall call) {
            if (call.args().isEmpty()) {
                throw new UsageException("%twice needs an expression");
            }
            Object v = call.eval(call.args());
            call.print(v + " " + v + " " + Thread.currentThread().isVirtual() + "\n");
        }

        @Override
        public List<String> completeArgument(ArgumentCompletion request) {
            return List.of("alpha", "beta").stream().filter(w -> w.startsWith(request.word())).toList();
        }
    }

    /** {@code %%framed}: runs the cell's body between two lines. */
    static final class Framed implements CellMagic {
        @Override
        public String name() {
            return "framed";
        }

        @Override
        public String usage() {
            return "%%framed";
        }

        @Override
        public String summary() {
            return "frame the cell's output";
        }

        @Override
        public void run(MagicCall call) {
            call.print("[\n");
            try {
                call.run(call.body());
            } finally {
                call.print("]\n");
            }
        }
    }

    @BeforeAll
    static void start() {
        session = JavaSession.start();
        session.magics().register(new Twice());
        session.magics().register(new Framed());
        cells = new SessionCells(session);
    }

    @AfterAll
    static void stop() {
        session.shutdown();
    }

    private static SessionCells.Run exec(String code) throws Exception {
        return cells.exec(code);
    }

    @Test
    void lsmagicListsTheRegistry() throws Exception {
        SessionCells.Run r = exec("%lsmagic");
        assertTrue(r.result().isOk(), r.result()::toString);
        String out = r.sink().stdout();
        assertTrue(out.startsWith("Available line magics:\n"), out);
        assertTrue(out.contains("  %lsmagic ") && out.contains("  %pinfo NAME ") && out.contains("  %twice EXPRESSION "), out);
        assertTrue(out.contains("Available cell magics:\n") && out.contains("\n  %%framed "), out);
    }

    @Test
    void unknownMagicsAndWrongArgumentsGiveAOneLineUsageError() throws Exception {
        ExecutionResult.Error unknown = exec("%nosuch 1").error();
        assertEquals("UsageError", unknown.ename());
        assertEquals(List.of("UsageError: line magic %nosuch not found (%lsmagic lists the magics)"), unknown.traceback());
        assertEquals("cell magic %%nosuch not found (%lsmagic lists the magics)", exec("%%nosuch\n1").error().evalue());
        ExecutionResult.Error wrong = exec("%twice").error();
        assertEquals(List.of("UsageError: %twice needs an expression. Usage: %twice EXPRESSION"), wrong.traceback());
        assertEquals("UsageError", exec("%lsmagic now").error().ename());
    }

    @Test
    void aLineMagicEvaluatesJavaWithAwaitOnTheCellsTaskBetweenTheCellsJava() throws Exception {
        SessionCells.Run r = exec("int base = 20;\nSystem.out.println(\"before\");\n%twice await sleep(0.05, base + 1)\nbase * 2");
        assertTrue(r.result().isOk(), r.result()::toString);
        assertEquals("before\n21 21 true\n", r.sink().stdout());
        assertEquals("40", r.value(), "the value of the cell's last line is shown");
    }

    @Test
    void javaThatFailsInAMagicFailsTheCellWithItsOwnErrorAndTheRestDoesNotRun() throws Exception {
        SessionCells.Run r = exec("%twice Integer.parseInt(\"x\")\nSystem.out.println(\"after\");");
        assertEquals("java.lang.NumberFormatException", r.error().ename());
        assertEquals("", r.sink().stdout());
        ExecutionResult.Error compile = exec("int ok = 1;\n%twice nosuchName").error();
        assertEquals("CompilationError", compile.ename());
    }

    @Test
    void aCellMagicRunsTheBodyAsTheCellAndShowsItsValue() throws Exception {
        SessionCells.Run r = exec("%%framed\nSystem.out.println(await sleep(0.05, \"in\"));\n6 * 7");
        assertTrue(r.result().isOk(), r.result()::toString);
        assertEquals("[\nin\n]\n", r.sink().stdout());
        assertEquals("42", r.value());
        SessionCells.Run failed = exec("%%framed\nthrow new IllegalStateException(\"boom\");");
        assertEquals("java.lang.IllegalStateException", failed.error().ename());
        assertEquals("[\n]\n", failed.sink().stdout());
    }

    @Test
    void thePagerIsTheMagicPinfo() throws Exception {
        ExecutionResult r = exec("Math.max?").result();
        ExecutionResult.Ok ok = assertInstanceOf(ExecutionResult.Ok.class, r);
        assertTrue(ok.page().contains("max(int"), ok.page());
        ExecutionResult.Ok viaMagic = assertInstanceOf(ExecutionResult.Ok.class, exec("%pinfo2 String").result());
        assertTrue(viaMagic.page().startsWith("java.lang.String"), viaMagic.page());
        assertEquals("NameNotFound", exec("noSuchThing?").error().ename());
    }

    @Test
    void magicNamesAndArgumentsComplete() {
        assertEquals(List.of("%pinfo", "%pinfo2"), session.complete("%pin", 4).join().matches());
        CompletionResult cell = session.complete("%%fr", 4).join();
        assertEquals(List.of("%%framed"), cell.matches());
        assertEquals(0, cell.cursorStart());
        String code = "int a = 1;\n%twice a";
        CompletionResult arg = session.complete(code, code.length()).join();
        assertEquals(List.of("alpha"), arg.matches());
        assertEquals(code.length() - 1, arg.cursorStart());
        assertEquals(code.length(), arg.cursorEnd());
    }
}
