package jaio.kernel.session;

import jaio.kernel.magic.LineMagic;
import jaio.kernel.magic.Magic;
import jaio.kernel.magic.MagicCall;
import jaio.kernel.magic.MagicRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals(List.of(new CellParts.Invocation(Magic.Kind.CELL, "timeline", "--live", "await sleep(1);\nx")),
                CellParts.of("\n%%timeline --live\nawait sleep(1);\nx", BUILTINS));
        assertEquals(List.of(new CellParts.Invocation(Magic.Kind.CELL, "bash", "", "")), CellParts.of("%%bash", BUILTINS));
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
        assertEquals(List.of(new CellParts.Java("boolean done = false;\n!done")), CellParts.of("boolean done = false;\n!done", BUILTINS));
        MagicRegistry withSystem = MagicRegistry.withBuiltins();
        withSystem.register(new LineMagic() {
            @Override
            public String name() {
                return "system";
            }

            @Override
            public String usage() {
                return "%system COMMAND";
            }

            @Override
            public String summary() {
                return "runs a shell command";
            }

            @Override
            public void run(MagicCall call) {
            }
        });
        assertEquals(List.of(line("system", "ls -l")), CellParts.of("  !ls -l", withSystem));
    }
}
