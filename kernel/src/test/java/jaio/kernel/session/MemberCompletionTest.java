package jaio.kernel.session;

import jdk.jshell.JShell;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The fast member completion answers exactly as JShell does, and leaves to JShell what it cannot be sure of. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MemberCompletionTest {
    private static JShell js;
    private static final ClassLoader LOADER = MemberCompletionTest.class.getClassLoader();

    @BeforeAll
    static void start() {
        js = JShell.builder().executionEngine("local").build();
        Prelude.imports().forEach(js::eval);
    }

    @AfterAll
    static void stop() {
        js.close();
    }

    private static List<String> jshell(String code) {
        List<SourceCodeAnalysis.Suggestion> s = js.sourceCodeAnalysis().completionSuggestions(code, code.length(), new int[1]);
        LinkedHashSet<String> out = new LinkedHashSet<>();
        s.forEach(x -> out.add(x.continuation()));
        return new ArrayList<>(out);
    }

    @Test
    void membersOfLibraryClassesAreJShells() {
        for (String code : List.of("System.out.printl", "System.out.", "System.", "System.o", "Math.ma", "Math.", "String.val",
                "Integer.MAX", "int x = Integer.parseI", "foo(Long.MAX_V", "Thread.State.", "StringBuilder.",
                "x = System.err.pri", "Collections.empty", "Executors.newF", "Files.readA", "BigInteger.ON")) {
            MemberCompletion.Answer fast = MemberCompletion.complete(js, LOADER, code);
            assertNotNull(fast, code);
            assertEquals(jshell(code), fast.matches(), code);
            int dot = code.lastIndexOf('.');
            assertEquals(dot + 1, fast.anchor(), code);
        }
    }

    @Test
    void whatItCannotBeSureOfIsLeftToJShell() {
        js.eval("String System2 = \"shadow\";");
        js.eval("class Point { static int ORIGIN = 0; }");
        for (String code : List.of("System2.len", "Point.OR", "new java.util.", "import java.util.", "\"s\".len", "List.", "foo().bar",
                "java.util.List.", "x.y.", "Map.Entry.", "System.out.println(1).", "Queue.", "arr[0].", "System.out ", "// System.out.")) {
            assertNull(MemberCompletion.complete(js, LOADER, code), code);
        }
    }
}
