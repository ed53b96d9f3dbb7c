package jaio.kernel.session;

import jaio.kernel.language.CellContext;
import jaio.kernel.language.ExecutionResult;

import java.util.concurrent.TimeUnit;

/**
 * Runs in a separate small-heap JVM for {@link OutOfMemoryTest}: a cell exhausts the heap, then
 * the session must still run cells. Prints one line per cell result; also measures start-up.
 */
public final class OomProbe {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        JavaSession s = JavaSession.start();
        String out = "";
        try {
            out += line("start", t0);
            long t1 = System.nanoTime();
            out += run(s, 1, "1+1") + " first-cell-ms=" + (System.nanoTime() - t1) / 1_000_000 + "\n";
            long t2 = System.nanoTime();
            for (int i = 0; i < 20; i++) {
                run(s, 2, "1+1");
            }
            out += "one-plus-one-ms=" + (System.nanoTime() - t2) / 20 / 1_000_000.0 + "\n";
            out += run(s, 3, "var hog = new ArrayList<byte[]>();\nwhile (true) hog.add(new byte[1 << 20]);") + "\n";
            out += run(s, 4, "new byte[16 << 20].length") + "\n";
            out += run(s, 5, "await sleep(0.01, \"alive\")") + "\n";
        } finally {
            OutputRouter.kernelOut().print(out);
            OutputRouter.kernelOut().flush();
        }
        System.exit(0);
    }

    private static String line(String what, long t0) {
        return what + "-ms=" + (System.nanoTime() - t0) / 1_000_000 + "\n";
    }

    private static String run(JavaSession s, int n, String code) throws Exception {
        RecordingSink sink = new RecordingSink();
        ExecutionResult r = s.execute(code, CellContext.of(n), sink).get(60, TimeUnit.SECONDS);
        if (r instanceof ExecutionResult.Error e) {
            return "cell" + n + " error " + e.ename() + "\n# " + String.join("\n# ", e.traceback())
                    + "\n# stderr: " + sink.text("stderr");
        }
        return "cell" + n + " ok " + sink.result();
    }
}
