package jaio.kernel;

import jaio.kernel.session.CellContext;
import jaio.kernel.session.ExecutionResult;
import jaio.kernel.session.JavaSession;
import jaio.kernel.session.OutputSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The training run for the JDK's AOT cache ({@code install.sh}: {@code -XX:AOTCacheOutput}): builds
 * the session and runs the kind of cells a user starts with, so the classes they need (JShell,
 * javac, the loop, the session) are loaded and linked from the cache on the next starts.
 */
final class AotTraining {
    private AotTraining() {}

    static int run() {
        OutputSink quiet = new OutputSink() {
            @Override public void stream(String name, String text) {}
            @Override public void displayData(Map<String, Object> d, Map<String, Object> m, String id) {}
            @Override public void updateDisplayData(Map<String, Object> d, Map<String, Object> m, String id) {}
            @Override public void clearOutput(boolean wait) {}
            @Override public void executeResult(Map<String, Object> d, Map<String, Object> m) {}
        };
        List<String> cells = List.of(
                "1+1",
                "System.out.println(\"hello\");",
                "int x = 6 * 7;",
                "var t = createTask(sleep(0.01, \"done\"));",
                "await t",
                "String greet(String who) { return \"hi \" + who; }",
                "greet(\"jaio\")",
                "display(\"<b>x</b>\", \"text/html\");",
                "throw new RuntimeException(\"boom\");",
                "int y = ;");
        try (JavaSession session = JavaSession.start()) {
            int n = 1;
            for (String cell : cells) {
                ExecutionResult r = session.execute(cell, CellContext.of(n++), quiet).get(60, TimeUnit.SECONDS);
                if (r == null) {
                    return 1;
                }
            }
            session.complete("System.out.printl", 17);
            session.inspect("Math.max", 8, 0);
            session.isComplete("void f() {");
            return 0;
        } catch (Exception e) {
            e.printStackTrace();
            return 1;
        }
    }
}
