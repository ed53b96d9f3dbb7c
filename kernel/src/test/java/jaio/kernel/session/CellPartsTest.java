package jaio.kernel.session;

import jaio.kernel.magic.Magic;
import jaio.kernel.magic.MagicRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CellPartsTest {
    private static final MagicRegistry BUILTINS = MagicRegistry.withBuiltins();

    private static CellParts.Invocation line(String name, String args) {
        return new CellParts.Invocation(Magic.Kind.LINE, name, args, "");
    }

    @Test
    void javaWithoutMagicsIsOnePart() {
        assertEquals(List.of(new CellParts.Java("int a = 7 % 3;\na")), CellParts.of("int a = 7 % 3;\na", BUILTINS));
    }

    @Test
    void aQuestionMarkAfterANameIsThePager() {
        assertEquals(List.of(line("pinfo", "Math.max")), CellParts.of("Math.max?", BUILTINS));
        assertEquals(List.of(line("pinfo2", "String")), CellParts.of("  String??\n", BUILTINS));
    }

    @Test
    void aCellMagicTakesTheFirstLineAndTheRest() {
        // The body starts on the cell's third line: two lines before it.
        assertEquals(List.of(new CellParts.Invocation(Magic.Kind.CELL, "timeline", "--live", "await sleep(1);\nx", 2)),
                CellParts.of("\n%%timeline --live\nawait sleep(1);\nx", BUILTINS));
        assertEquals(List.of(new CellParts.Invocation(Magic.Kind.CELL, "bash", "", "", 0)), CellParts.of("%%bash", BUILTINS));
    }

    @Test
    void lineMagicsSplitTheJavaAndKeepItsLineNumbers() {
        List<CellParts.Part> parts = CellParts.of("int a = 1;\n%time var b = await sleep(0.1, 2);\n  %lsmagic\nb", BUILTINS);
        assertEquals(List.of(new CellParts.Java("int a = 1;\n"), line("time", "var b = await sleep(0.1, 2);"), line("lsmagic", ""),
                new CellParts.Java("\n\n\nb")), parts);
    }

    @Test
    void aPercentThatContinuesAnExpressionOrSitsInAStringStaysJava() {
        String remainder = "int r = 10\n%x;";
        assertEquals(List.of(new CellParts.Java(remainder)), CellParts.of(remainder, BUILTINS));
        String textBlock = "var s = \"\"\"\n%time\n\"\"\";";
        assertEquals(List.of(new CellParts.Java(textBlock)), CellParts.of(textBlock, BUILTINS));
        String comment = "/*\n%time\n*/ int c = 1;";
        assertEquals(List.of(new CellParts.Java(comment)), CellParts.of(comment, BUILTINS));
    }

    @Test
    void aShellEscapeIsTheSystemMagicOnlyWhenOneIsRegistered() {
        assertEquals(List.of(new CellParts.Java("boolean done = false;\n!done")), CellParts.of("boolean done = false;\n!done", new MagicRegistry()));
        assertTrue(BUILTINS.find(Magic.Kind.LINE, "system").isPresent());
        assertEquals(List.of(line("system", "ls -l")), CellParts.of("  !ls -l", BUILTINS));
        String continued = "boolean b = done &&\n!done;";
        assertEquals(List.of(new CellParts.Java(continued)), CellParts.of(continued, BUILTINS), "a ! that continues an expression stays Java");
    }
}
