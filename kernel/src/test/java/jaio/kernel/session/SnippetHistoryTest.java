package jaio.kernel.session;

import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** JShell's own history, pruned on a plain JShell: what stays is what later snippets can name, and they still work. */
class SnippetHistoryTest {

    @Test
    void onlyLiveDeclarationsStayAndTheyStillWork() {
        List<String> released = new ArrayList<>();
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            SnippetHistory history = SnippetHistory.of(js, released::add);
            assertFalse(history.disabled(), "JShell's internals were not reached: nothing would be pruned");
            eval(js, history, "int f(int n) { return n * 2; }");
            for (int i = 0; i < 100; i++) {
                eval(js, history, "int x = " + i + ";");          // a redeclared variable
                eval(js, history, "System.out.print(\"\");");     // a statement
                eval(js, history, "f(x) + 1");                    // an expression ($n, dropped below)
                js.variables().filter(v -> v.name().startsWith("$") && js.status(v).isActive()).toList()
                        .forEach(v -> { js.drop(v); history.sweep(); });
            }
            long kept = js.snippets().count();
            assertTrue(kept <= 3, "kept " + kept + " snippets: " + js.snippets().map(Snippet::source).toList());
            assertTrue(released.size() >= 250, "released " + released.size() + " wrappers");
            assertEquals("198", value(js, history, "f(x)"), "the last x and f are still there");
            eval(js, history, "int f(int n) { return n * 3; }");
            assertEquals("297", value(js, history, "f(x)"), "a redefined method is seen");
            eval(js, history, "int g() { return f(x) + 1; }");
            eval(js, history, "int x = 1;");
            assertEquals("4", value(js, history, "g()"), "a dependent of a redeclared variable is recompiled");
        }
    }

    private static void eval(JShell js, SnippetHistory history, String source) {
        for (SnippetEvent e : js.eval(source)) {
            assertTrue(e.status() != Snippet.Status.REJECTED, source + ": " + js.diagnostics(e.snippet()).toList());
        }
        history.sweep();
    }

    private static String value(JShell js, SnippetHistory history, String source) {
        String v = js.eval(source).getFirst().value();
        history.sweep();
        return v;
    }
}
