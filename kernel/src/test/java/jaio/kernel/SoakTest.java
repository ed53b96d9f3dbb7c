package jaio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jaio.kernel.wire.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mixed soak, shortened: cells that await, create and await tasks, redeclare variables
 * ({@code int x}, {@code var t}, {@code String s}) and print, as kernel/bench/soak.py runs them,
 * through a real kernel process with the kernelspec's heap options. Awaiting cells used to leave a
 * JShell {@code $n} variable behind (1000 cells took the kernel from 108 MB to 3.3 GB and a cell
 * from 15 to 93 ms), and JShell kept every snippet and every snippet class (+57 % RSS from cell 300
 * to 3000): memory must now stay flat after the warm-up (JShell forgets what nothing can name,
 * replaced classes unload) and so must the time of a cell. CI runs {@value #DEFAULT_CELLS} cells
 * ({@code -Djaio.soak.cells} changes it); kernel/bench/soak.py runs 3000 and compares with
 * ipykernel (kernel/bench/README.md).
 */
@Timeout(1200)
class SoakTest {
    static final int DEFAULT_CELLS = 600;
    /** The kernelspec's heap and JIT options (install/install.sh writes the same ones). */
    static final List<String> HEAP_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:-ShrinkHeapInSteps", "-Xms32m", "-XX:MaxHeapFreeRatio=40",
            "-XX:MinHeapFreeRatio=20", "-XX:TrimNativeHeapInterval=2000", "-XX:TieredStopAtLevel=1");
    /** kernel/bench/soak.py's cells ({@code %d}: the cell's number). */
    private static final String[] CELLS = {
        "await sleep(0.001);",
        "var t = createTask(sleep(0.001, %d)); await t",
        "int x = %d;",
        "System.out.println(\"line \" + %d);",
        "var tasks = new ArrayList<Task<Integer>>(); for (int k = 0; k < 5; k++) tasks.add(createTask(sleep(0.001, k)));\n"
                + "await gather(tasks.toArray(new Task[0]));",
        "String s = \"cell \" + %d; s.length()",
    };

    @TempDir
    Path dir;

    static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + pid);
    }

    /**
     * The kernel's RSS after a full collection: what the cells keep, not when the young generation
     * last happened to be emptied. SerialGC gives memory back to the system at a full collection
     * (MaxHeapFreeRatio), so a value that is no longer held does not count.
     */
    private static long settledRssKb(RunningKernel kernel) throws IOException {
        Message gc = kernel.send("System.gc();");
        kernel.client.reply(JupyterTestClient.Channel.SHELL, gc, Duration.ofSeconds(60));
        kernel.client.iopubUntilIdle(gc, Duration.ofSeconds(60));
        return rssKb(kernel.pid());
    }

    /** The kernel's live heap in KB after a full collection and its loaded classes, as a cell reads them. */
    private static long[] liveHeapKbAndClasses(RunningKernel kernel) {
        String out = kernel.run("System.gc(); System.out.println(((Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 10)"
                + " + \" \" + java.lang.management.ManagementFactory.getClassLoadingMXBean().getLoadedClassCount());").stdout().strip();
        String[] parts = out.split(" ");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    private static double median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        s.sort(null);
        return s.get(s.size() / 2);
    }

    @Test
    void mixedCellsRunInFlatMemoryAndTime() throws Exception {
        int cells = Integer.getInteger("jaio.soak.cells", DEFAULT_CELLS);
        // The issue measures from cell 300 on: by then the JIT, the code cache and the heap have
        // found their size, so what still grows is what the cells keep.
        int warmup = cells / 2;
        try (RunningKernel kernel = new RunningKernel(dir, java.util.Map.of(), HEAP_OPTIONS.toArray(String[]::new))) {
            List<Long> nanos = new ArrayList<>();
            long rssWarm = 0;
            long[] heapWarm = null;
            for (int i = 1; i <= cells; i++) {
                String code = CELLS[i % CELLS.length].formatted(i);
                long t0 = System.nanoTime();
                Message m = kernel.send(code);
                Message reply = kernel.client.reply(JupyterTestClient.Channel.SHELL, m, Duration.ofSeconds(60));
                kernel.client.iopubUntilIdle(m, Duration.ofSeconds(60));
                nanos.add(System.nanoTime() - t0);
                assertEquals("ok", reply.content().get("status").getAsString(), code + ": " + reply.content());
                if (i == warmup) {
                    rssWarm = settledRssKb(kernel);
                    heapWarm = liveHeapKbAndClasses(kernel);
                }
            }
            long rssLast = settledRssKb(kernel);
            long[] heapLast = liveHeapKbAndClasses(kernel);
            double p50First = median(nanos.subList(0, 100));
            double p50Last = median(nanos.subList(cells - 100, cells));
            String figures = "RSS at cell " + warmup + ": " + rssWarm / 1024 + " MB, at cell " + cells + ": " + rssLast / 1024
                    + " MB; live heap " + heapWarm[0] + " -> " + heapLast[0] + " KB, loaded classes " + heapWarm[1] + " -> " + heapLast[1]
                    + "; p50 first 100: " + p50First / 1e6 + " ms, last 100: " + p50Last / 1e6 + " ms";
            System.out.println("soak: " + figures);
            // What this guards: JShell kept every snippet and every snippet class stayed loaded. On
            // the code before the fix these 300 cells added 3.3 MB of live heap and 459 loaded
            // classes while the settled RSS stayed level (147 -> 148 MB: the heap had room); with it,
            // -0.3 MB and -18 classes. RSS is the bound (+10 % from the warm-up on), settled
            // by a full collection; it moves by several percent between runs (130 -> 131, 130 -> 138 MB).
            assertTrue(heapLast[0] - heapWarm[0] <= 2 * 1024, "the live heap grew more than 2 MB in " + (cells - warmup) + " cells: " + figures);
            assertTrue(heapLast[1] - heapWarm[1] <= 100, "more than 100 classes stayed loaded: " + figures);
            assertTrue(rssLast <= rssWarm * 1.10, "memory grew more than 10 % after the warm-up: " + figures);
            assertTrue(p50Last <= p50First * 1.2, "cells got slower: " + figures);
        }
    }

    /**
     * A large value dropped while the user pauses gives its memory back: the heap policy collects
     * once the kernel has been idle for a while after its heap grew, and the heap shrinks at once.
     * Before: RSS stayed 50 MB up until the 100th cell.
     */
    @Test
    void aDroppedLargeValueIsGivenBackWhileTheKernelIsIdle() throws Exception {
        try (RunningKernel kernel = new RunningKernel(dir, java.util.Map.of(), HEAP_OPTIONS.toArray(String[]::new))) {
            for (int i = 0; i < 5; i++) {
                kernel.run(i + "+1");
            }
            kernel.run("var big = new byte[80_000_000]; java.util.Arrays.fill(big, (byte) 1);");
            long with = rssKb(kernel.pid());
            kernel.run("big = null;");
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long now = rssKb(kernel.pid());
            while (now > with - 50 * 1024 && System.nanoTime() < deadline) {
                Thread.sleep(250);
                now = rssKb(kernel.pid());
            }
            assertTrue(now <= with - 50 * 1024, "RSS with the 80 MB value " + with / 1024 + " MB, 60 s after it was dropped "
                    + now / 1024 + " MB: its memory was not given back");
        }
    }
}
