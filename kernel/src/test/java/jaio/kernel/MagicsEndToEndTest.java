package jaio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jaio.kernel.wire.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The everyday magics (timing, shell, markup, environment, declarations, history) through a real kernel. */
@Timeout(180)
class MagicsEndToEndTest {
    @TempDir
    static Path dir;
    private static RunningKernel kernel;

    @BeforeAll
    static void start() throws Exception {
        kernel = new RunningKernel(dir, Map.of());
        // JShell's first compile takes seconds on a loaded machine: not part of what the tests time.
        kernel.run("%time 1 + 1");
    }

    @AfterAll
    static void stop() throws Exception {
        if (kernel != null) {
            kernel.close();
        }
    }

    /** Seconds from one of IPython's formatted durations ("301 ms", "12.5 µs", "0 ns"). */
    private static double seconds(String number, String unit) {
        double v = Double.parseDouble(number);
        return switch (unit) {
            case "s" -> v;
            case "ms" -> v / 1e3;
            case "µs" -> v / 1e6;
            case "ns" -> v / 1e9;
            default -> throw new AssertionError("unit " + unit);
        };
    }

    private static final String DURATION = "([0-9.e+-]+) (s|ms|µs|ns)";

    @Test
    void cellTimeCountsTheAwaitAsWallTimeButNotAsCpu() {
        kernel.run("%%time\nawait sleep(0.01);");
        var run = kernel.run("%%time\nawait sleep(0.3);");
        assertEquals("ok", run.status(), run.error());
        Matcher m = Pattern.compile("CPU times: user " + DURATION + ", sys " + DURATION + ", total " + DURATION + "\nWall time: " + DURATION + "\n")
                .matcher(run.stdout());
        assertTrue(m.matches(), run.stdout());
        double cpu = seconds(m.group(5), m.group(6));
        double wall = seconds(m.group(7), m.group(8));
        assertTrue(wall >= 0.3 && wall < 3, "wall " + wall);
        assertTrue(cpu < 0.1, "cpu " + cpu + " for a cell that only awaits");
    }

    @Test
    void lineTimeShowsTheValueAfterTheTimingAndChildTasksApart() {
        var run = kernel.run("%time 6 * 7");
        assertEquals("ok", run.status(), run.error());
        assertTrue(run.stdout().startsWith("CPU times: user "), run.stdout());
        assertEquals("42", run.result().get("text/plain").getAsString());

        var busy = kernel.run("%%time\nvar spin = createTask(async(() -> { long x = 0; for (int i = 0; i < 50_000_000; i++) x += i; return x; }));\nawait spin;");
        assertEquals("ok", busy.status(), busy.error());
        Matcher m = Pattern.compile("CPU times of child tasks: user " + DURATION + ", sys " + DURATION + ", total " + DURATION).matcher(busy.stdout());
        assertTrue(m.find(), busy.stdout());
        assertTrue(seconds(m.group(5), m.group(6)) > 0, busy.stdout());
    }

    @Test
    void timeitPicksTheLoopCountAndPrintsIPythonsLine() {
        var run = kernel.run("%timeit Math.sqrt(2.0)");
        assertEquals("ok", run.status(), run.error());
        Matcher m = Pattern.compile(DURATION + " ± " + DURATION + " per loop \\(mean ± std\\. dev\\. of 7 runs, ([0-9,]+) loops? each\\)\n")
                .matcher(run.stdout());
        assertTrue(m.find(), run.stdout());
        long loops = Long.parseLong(m.group(5).replace(",", ""));
        assertTrue(loops >= 1000 && String.valueOf(loops).matches("10*"), "auto loop count is a power of ten: " + loops);
    }

    @Test
    void timeitWithOptionsAndAnAwaitInTheCellForm() {
        var run = kernel.run("%%timeit -n 3 -r 2 int[] waits = {0};\nawait sleep(0.01); waits[0]++;");
        assertEquals("ok", run.status(), run.error());
        Matcher m = Pattern.compile(DURATION + " ± " + DURATION + " per loop \\(mean ± std\\. dev\\. of 2 runs, 3 loops each\\)").matcher(run.stdout());
        assertTrue(m.find(), run.stdout());
        double mean = seconds(m.group(1), m.group(2));
        assertTrue(mean >= 0.009 && mean < 0.5, "an await of 10 ms per loop: " + mean);
        assertEquals("6", kernel.run("waits[0]").result().get("text/plain").getAsString(), "3 loops x 2 runs");
    }

    @Test
    void wrongArgumentsAndUnknownMagicsAreOneLineUsageErrors() {
        var unknown = kernel.run("%nosuchmagic 1");
        assertEquals("error", unknown.status());
        assertEquals("UsageError", unknown.reply().get("ename").getAsString());
        assertTrue(unknown.error().contains("%nosuchmagic"), unknown.error());
        var bad = kernel.run("%timeit -n zero 1+1");
        assertEquals("UsageError", bad.reply().get("ename").getAsString());
        assertTrue(bad.error().contains("Usage: %timeit"), bad.error());
    }

    @Test
    void shellCommandsStreamAndFailLoudlyOnlyInBash() {
        var bang = kernel.run("!echo hello from the shell; echo oops >&2");
        assertEquals("ok", bang.status(), bang.error());
        assertEquals("hello from the shell\n", bang.stdout());
        assertEquals("oops\n", bang.stream("stderr"));

        var streamed = kernel.send("%%bash\necho first\nsleep 1\necho second");
        Message first = kernel.client.await(JupyterTestClient.Channel.IOPUB,
                m -> m.parentMsgId().equals(streamed.msgId()) && m.msgType().equals("stream"), RunningKernel.WAIT);
        assertEquals("first\n", first.content().get("text").getAsString(), "the first line arrives before the script ends");
        Message reply = kernel.client.reply(JupyterTestClient.Channel.SHELL, streamed, RunningKernel.WAIT);
        assertEquals("ok", reply.content().get("status").getAsString());
        kernel.client.iopubUntilIdle(streamed, RunningKernel.WAIT);

        var failing = kernel.run("%%bash\nexit 3");
        assertEquals("CalledProcessError", failing.reply().get("ename").getAsString());
    }

    @Test
    void interruptKillsAShellCommand() {
        var cell = kernel.send("!sleep 30");
        sleepQuietly(500);
        kernel.client.send(JupyterTestClient.Channel.CONTROL, "interrupt_request", new com.google.gson.JsonObject());
        long start = System.nanoTime();
        Message reply = kernel.client.reply(JupyterTestClient.Channel.SHELL, cell, RunningKernel.WAIT);
        assertTrue((System.nanoTime() - start) / 1e9 < 10, "the interrupt ended the command");
        assertEquals("KeyboardInterrupt", reply.content().get("ename").getAsString());
        kernel.client.iopubUntilIdle(cell, RunningKernel.WAIT);
        assertEquals("ok", kernel.run("1").status(), "the kernel goes on");
    }

    @Test
    void markupEnvVarsImportsLoadAndHistory() throws Exception {
        var html = kernel.run("%%html\n<b>bold</b>");
        assertEquals("<b>bold</b>", html.ofType("display_data").getFirst().content().getAsJsonObject("data").get("text/html").getAsString());
        var md = kernel.run("%%markdown\n# Title");
        assertEquals("# Title", md.ofType("display_data").getFirst().content().getAsJsonObject("data").get("text/markdown").getAsString());

        assertEquals("env: JAIO_TEST_VAR=forty two\n", kernel.run("%env JAIO_TEST_VAR=forty two").stdout());
        assertEquals("forty two\n", kernel.run("!echo $JAIO_TEST_VAR").stdout());

        kernel.run("String greeting = \"hi\";\nimport java.time.LocalDate;");
        String vars = kernel.run("%vars").stdout();
        assertTrue(vars.lines().anyMatch(l -> l.matches("greeting\\s+String\\s+\"hi\"")), vars);
        assertTrue(kernel.run("%imports").stdout().contains("import java.time.LocalDate;"));

        Files.writeString(dir.resolve("helper.jsh"), "int twice(int x) { return 2 * x; }\nvar loaded = await sleep(0.01, \"loaded\");\n");
        var load = kernel.run("%load helper.jsh\ntwice(21)");
        assertEquals("ok", load.status(), load.error());
        assertEquals("42", load.result().get("text/plain").getAsString());

        String history = kernel.run("%history -n").stdout();
        assertTrue(history.contains(": %load helper.jsh\n"), history);
        assertTrue(history.contains("twice(21)"), history);
        String ls = kernel.run("%lsmagic").stdout();
        assertTrue(ls.contains("%time") && ls.contains("%%bash"), ls);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
