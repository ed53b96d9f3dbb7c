package jaio.kernel.session;

import jaio.kernel.language.CompletionResult;
import jaio.kernel.language.ExecutionResult;
import jaio.kernel.language.InspectionResult;
import jaio.kernel.language.IsCompleteResult;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class JavaSessionTest {
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

    static SessionCells.Run exec(String code) throws Exception {
        return cells.exec(code);
    }

    static SessionCells.Run ok(String code) throws Exception {
        return cells.ok(code);
    }

    static CompletableFuture<ExecutionResult> submit(String code, RecordingSink sink) {
        return cells.submit(code, sink);
    }

    @Test
    void topLevelAwaitGivesTheValue() throws Exception {
        assertEquals("42", ok("var x = await sleep(0.1, 42); x").value());
        assertEquals("2", ok("1+1").value());
        assertEquals("\"hi\"", ok("\"hi\"").value());
        assertNull(ok("int unused = 5;").value(), "declarations echo nothing");
        assertNull(ok("System.out.println(3)").value(), "void calls echo nothing");
    }

    @Test
    void theHttpClientAndTestServerNeedNoImport() throws Exception {
        ok("var server = LocalHttpServer.start().route(\"/hi\", \"hello\");");
        try {
            assertEquals("\"hello\"", ok("""
                    var session = new ClientSession();
                    var resp = await session.get(server.url("/hi"));
                    await resp.text()""").value());
        } finally {
            ok("session.close(); server.close();");
        }
    }

    @Test
    void httpsInACellRunsOnTheRuntimesTlsEngineWhichCellsCannotSee() throws Exception {
        ok("var tlsServer = LocalHttpServer.startHttps().route(\"/hi\", \"hello over TLS\");");
        try {
            assertEquals("\"hello over TLS\"", ok("""
                    var tlsSession = new ClientSession().ssl(tlsServer.clientSslContext());
                    var tlsResp = await tlsSession.get(tlsServer.url("/hi"));
                    await tlsResp.text()""").value());
        } finally {
            ok("tlsSession.close(); tlsServer.close();");
        }
        String os = System.getProperty("os.name"), arch = System.getProperty("os.arch");
        String engine = ok("Ssl.engine()").value();
        if (os.startsWith("Linux") && arch.equals("amd64")) {
            assertTrue(engine.startsWith("\"Conscrypt 2.5.2 (BoringSSL)"), engine);
        } else {
            assertTrue(engine.startsWith("\"SunJSSE"), engine);
        }
        assertEquals("java.lang.ClassNotFoundException", exec("Class.forName(\"org.conscrypt.Conscrypt\")").error().ename());
        assertEquals("CompilationError", exec("new org.conscrypt.OpenSSLProvider()").error().ename());
    }

    @Test
    void aTaskCreatedInOneCellIsAwaitedInALaterOne() throws Exception {
        ok("var later = createTask(async(() -> { await(sleep(0.2)); return 7; }));");
        ok("int other = 1;");
        assertEquals("7", ok("await later").value());
    }

    @Test
    void outputPrintedBeforeTheCellEndsIsDeliveredBeforeItsFutureCompletes() throws Exception {
        SessionCells.Run r = ok("System.out.print(\"a\"); System.err.println(\"e\"); System.out.println(\"b\");");
        assertEquals("ab\n", r.sink().stdout());
        assertEquals("e\n", r.sink().text("stderr"));
    }

    @Test
    void eachTaskPrintsUnderTheCellThatStartedItInOrder() throws Exception {
        RecordingSink a = new RecordingSink();
        RecordingSink b = new RecordingSink();
        RecordingSink c = new RecordingSink();
        submit("for (int i = 0; i < 1000; i++) { int k = i; createTask(async(() -> {"
                + " for (int j = 0; j < 3; j++) { System.out.println(\"t\" + k + \" \" + j); await(sleep(0.05)); } })); }", a)
                .get(30, TimeUnit.SECONDS);
        submit("System.out.println(\"cell b\"); await sleep(0.06); System.out.println(\"cell b end\");", b).get(30, TimeUnit.SECONDS);
        submit("System.out.println(\"cell c\");", c).get(30, TimeUnit.SECONDS);
        assertTrue(a.await(s -> s.stdout().split("\n").length >= 3000, 20_000), "all 3000 lines arrive");
        String[] lines = a.stdout().split("\n");
        assertEquals(3000, lines.length);
        int[] next = new int[1000];
        for (String line : lines) {
            String[] p = line.substring(1).split(" ");
            int k = Integer.parseInt(p[0]);
            assertEquals(next[k], Integer.parseInt(p[1]), "task " + k + " lines in order");
            next[k]++;
        }
        assertEquals("cell b\ncell b end\n", b.stdout());
        assertEquals("cell c\n", c.stdout());
    }

    @Test
    void compileErrorPointsAtWhatTheUserTypedAfterTheRewrite() throws Exception {
        String code = "int before = 0;\nvar x = await sleep(0.01, 1); int y = \"s\";";
        SessionCells.Run r = exec(code);
        ExecutionResult.Error e = r.error();
        assertEquals("CompilationError", e.ename());
        assertTrue(e.evalue().contains("incompatible types"), e.evalue());
        int col = code.split("\n")[1].indexOf("\"s\"") + 1;
        assertEquals("Cell In[" + r.count() + "], line 2, column " + col + ": error: " + e.evalue().split("\n")[0], e.traceback().get(0));
        int caretLine = e.traceback().indexOf("    " + code.split("\n")[1]) + 1;
        assertTrue(caretLine > 0, e.traceback().toString());
        assertEquals("    " + " ".repeat(col - 1) + "^", e.traceback().get(caretLine));
    }

    @Test
    void runtimeExceptionTracebackNamesCellsAndLines() throws Exception {
        SessionCells.Run decl = ok("int divide(int a) {\n    return 10 / a;\n}");
        SessionCells.Run r = exec("int q = 1;\n// a comment\ndivide(0)");
        ExecutionResult.Error e = r.error();
        assertEquals("java.lang.ArithmeticException", e.ename());
        assertEquals("/ by zero", e.evalue());
        assertEquals("java.lang.ArithmeticException: / by zero", e.traceback().get(0));
        assertEquals("    at divide (Cell In[" + decl.count() + "], line 2)", e.traceback().get(1));
        assertEquals("    at Cell In[" + r.count() + "], line 3", e.traceback().get(2));
        assertEquals(3, e.traceback().size(), e.traceback().toString());
    }

    @Test
    void interruptsStopTheCellQuicklyAndLeaveBackgroundTasksRunning() throws Exception {
        ok("var ticks = new java.util.concurrent.atomic.AtomicInteger();"
                + " var ticker = createTask(async(() -> { while (true) { ticks.incrementAndGet(); await(sleep(0.01)); } }));");
        ok("void spin() { long n = 0; while (true) { n++; } }");
        for (String body : List.of("await sleep(60);", "while (true) {}", "spin();", "Thread.sleep(60000);",
                "var lock = new Object(); synchronized (lock) { lock.wait(); }")) {
            RecordingSink sink = new RecordingSink();
            // One snippet, so the interrupt reaches user code, not JShell's compiler.
            CompletableFuture<ExecutionResult> f = submit("{ System.out.println(\"started\");\n" + body + "\n}", sink);
            assertTrue(sink.await(s -> s.stdout().contains("started"), 10_000), body);
            Thread.sleep(100);
            long t0 = System.nanoTime();
            session.interrupt();
            ExecutionResult r = f.get(5, TimeUnit.SECONDS);
            double took = (System.nanoTime() - t0) / 1e9;
            ExecutionResult.Error e = assertInstanceOf(ExecutionResult.Error.class, r, body);
            assertEquals("KeyboardInterrupt", e.ename(), body + ": " + e);
            assertTrue(took <= 0.5, body + " took " + took + " s");
            assertTrue(e.traceback().stream().anyMatch(l -> l.contains("line 2")), body + ": " + e.traceback());
            assertEquals("2", ok("1+1").value(), "the next cell runs after interrupting " + body);
        }
        int before = Integer.parseInt(ok("ticks.get()").value());
        Thread.sleep(200);
        assertTrue(Integer.parseInt(ok("ticks.get()").value()) > before, "the background task kept running");
        assertEquals("false", ok("ticker.done()").value());
        ok("ticker.cancel();");
    }

    @Test
    void systemExitEndsTheCellNotTheKernel() throws Exception {
        ExecutionResult.Error e = exec("System.out.println(1);\nSystem.exit(3);").error();
        assertEquals("SystemExit", e.ename());
        assertEquals("3", e.evalue());
        ok("void quit() { Runtime.getRuntime().halt(4); }");
        assertEquals("4", exec("quit()").error().evalue());
        assertEquals("SystemExit", exec("Runtime.getRuntime().exit(5)").error().ename());
        assertEquals("2", ok("1+1").value());
    }

    @Test
    void stackOverflowIsReportedAndTheKernelGoesOn() throws Exception {
        ok("int deep(int n) { return deep(n + 1) + 1; }");
        ExecutionResult.Error e = exec("deep(0)").error();
        assertEquals("java.lang.StackOverflowError", e.ename());
        assertTrue(e.traceback().size() < 70, "the traceback is trimmed: " + e.traceback().size());
        assertEquals("2", ok("1+1").value());
    }

    @Test
    void kernelLibrariesAreInvisibleAndUserVersionsDoNotClash(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        ExecutionResult.Error e = exec("Class.forName(\"com.google.gson.Gson\")").error();
        assertEquals("java.lang.ClassNotFoundException", e.ename());
        assertEquals("CompilationError", exec("new org.zeromq.ZContext()").error().ename());

        java.nio.file.Path src = dir.resolve("src/com/google/gson/Gson.java");
        java.nio.file.Files.createDirectories(src.getParent());
        java.nio.file.Files.writeString(src, "package com.google.gson; public class Gson {"
                + " public String toJson(Object o) { return \"user gson \" + o; } }");
        java.nio.file.Path classes = dir.resolve("classes");
        int rc = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", classes.toString(), src.toString());
        assertEquals(0, rc);
        session.addToClasspath(classes.toString());
        assertEquals("\"user gson 1\"", ok("new com.google.gson.Gson().toJson(1)").value());
    }

    @Test
    void displayApiSendsDisplayAndUpdateToTheCell() throws Exception {
        SessionCells.Run r = ok("var h = display(html(\"<b>x</b>\"));\nSystem.out.println(\"after\");\nh.update(\"y\");");
        List<RecordingSink.Event> ev = r.sink().events();
        assertEquals("display", ev.get(0).kind());
        assertEquals("<b>x</b>", ((java.util.Map<?, ?>) ev.get(0).payload()).get("text/html"));
        assertEquals("stream", ev.get(1).kind());
        assertEquals("update", ev.get(2).kind());
        assertEquals(ev.get(0).displayId(), ev.get(2).displayId());
    }

    /**
     * A value whose own toString loops or sleeps: the display stops it after its time budget
     * (ValueText.MAX_MILLIS), keeps what it has and says what it cut; the cell ends and the next
     * runs. Declaring a variable never calls toString.
     */
    @Test
    void aToStringThatNeverEndsIsCutByTheDisplayBudget() throws Exception {
        ok("class Spin { public String toString() { long n = 0; while (true) { n++; } } }");
        ok("class Doze { public String toString() { try { Thread.sleep(600_000); } catch (InterruptedException e) { return \"woken\"; } return \"rested\"; } }");
        long t0 = System.nanoTime();
        ok("var spin = new Spin(); var doze = new Doze();");
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 4_000, "declaring called toString");
        String spin = ok("spin").value();
        assertTrue(spin.startsWith("<Spin.toString() did not finish>"), spin);
        assertTrue(spin.contains("display cut at 5 s: a toString took too long"), spin);
        String list = ok("List.of(1, doze, 3)").value();
        assertTrue(list.startsWith("[1, woken") && list.contains("a toString took too long"), list);
        assertEquals("2", ok("1+1").value(), "the next cell runs undisturbed");
        ok("Thread.sleep(50);");
    }

    /**
     * JShell's index of every JDK class is turned off (UnindexedJdkFileManager, 16 MB of heap):
     * package names still complete, classes of a package too, and the kernel's own runtime
     * packages (on the class path, still indexed by JShell) as well.
     */
    @Test
    void packageNamesStillComplete() {
        CompletionResult util = session.complete("java.ut", 7).join();
        assertTrue(util.matches().contains("util."), util.matches().toString());
        assertEquals(5, util.cursorStart());
        CompletionResult conc = session.complete("var q = java.util.conc", 22).join();
        assertTrue(conc.matches().contains("concurrent."), conc.matches().toString());
        assertEquals(18, conc.cursorStart());
        CompletionResult classes = session.complete("java.util.ArrayL", 16).join();
        assertTrue(classes.matches().contains("ArrayList"), classes.matches().toString());
        CompletionResult member = session.complete("\"abc\".len", 9).join();
        assertTrue(member.matches().stream().noneMatch(m -> m.endsWith(".")), member.matches().toString());
    }

    @Test
    void completeInspectAndIsComplete() {
        CompletionResult c = session.complete("Strin", 5).join();
        assertTrue(c.matches().contains("String"), c.matches().toString());
        assertEquals(0, c.cursorStart());
        assertEquals(5, c.cursorEnd());
        String two = "int a = 1;\nvar s = (await sleep(0.1, \"x\")).";
        CompletionResult after = session.complete(two, two.length()).join();
        assertTrue(after.matches().stream().anyMatch(m -> m.startsWith("length")), after.matches().toString());
        assertEquals(List.of("%lsmagic"), session.complete("%lsm", 4).join().matches());

        InspectionResult i = session.inspect("Math.max", 8, 0).join();
        assertTrue(i.found());
        assertTrue(i.text().contains("max(int"), i.text());
        assertTrue(session.inspect("Math.max(1, 2)", 9, 0).join().text().contains("max(int"));
        InspectionResult withDoc = session.inspect("String", 6, 1).join();
        assertTrue(withDoc.found() && withDoc.text().startsWith("java.lang.String"), withDoc.text());
        assertFalse(session.inspect("   ", 1, 0).join().found());

        assertEquals(IsCompleteResult.Status.INVALID, session.isComplete("int y = ;").join().status());
        assertEquals(new IsCompleteResult(IsCompleteResult.Status.INCOMPLETE, "    "), session.isComplete("void f() {").join());
        assertEquals(IsCompleteResult.Status.COMPLETE, session.isComplete("int z = 1;\nvar v = await sleep(0.1, 1);").join().status());
        assertEquals("java", session.languageInfo().name());
    }

    @Test
    void theRuntimeSubPackagesNeedNoImportInACell() throws Exception {
        // The generator examples call generator(...) and next(...) bare, as Python does.
        assertEquals("[1, 2]", ok("var g = generator(y -> { y.yield(1); y.yield(2); }); List.of(next(g), next(g))").value());
        assertEquals("\"range(0, 3)\"", ok("range(3).toString()").value());
        assertEquals("\"jaio.greenlet.Greenlet jaio.multiprocessing.ProcessPool\"",
                ok("Greenlet.class.getName() + \" \" + ProcessPool.class.getName()").value());
    }
}
