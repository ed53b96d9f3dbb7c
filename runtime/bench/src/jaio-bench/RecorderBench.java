import static jaio.Async.async;
import static jaio.Async.await;
import static jaio.Async.createTask;
import static jaio.Async.gather;
import static jaio.Async.sleep;

import jaio.Async;
import jaio.Loop;
import jaio.Task;
import jaio.TaskRecorder;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The cost of the task-event recorder on W1 (spawn+gather, each task sleep(0) once): rounds with
 * the recorder off and on alternate in one process (which side goes first alternates too), so
 * both sides see the same machine. Usage: {@code RecorderBench [n=..] [warmup=..] [rounds=..]}.
 *
 * <p>Each round is measured twice: wall time, and the process's CPU time (every thread: the
 * loop, the carriers, the collector). On a machine shared with other work, wall time swings with
 * what the others do, CPU time much less; the ratio that counts is the median of the on/off
 * ratios of the rounds' pairs, each pair run back to back.
 */
public final class RecorderBench {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final Path TASKS = Path.of("/proc/self/task");

    /**
     * CPU time of every thread of the process, in ns: the sum of /proc/self/task/N/schedstat's
     * first field (nanosecond precision; getProcessCpuTime() counts 10 ms ticks here, as large as
     * a round's difference). Threads that ended during the round are missing from the sum, so the
     * bench starts no thread of its own; the JDK's carriers and GC workers live on.
     */
    private static long cpuNanos() {
        if (!Files.isDirectory(TASKS)) {
            return OS.getProcessCpuTime();
        }
        long sum = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(TASKS)) {
            for (Path t : threads) {
                try {
                    String line = Files.readString(t.resolve("schedstat"));
                    sum += Long.parseLong(line.substring(0, line.indexOf(' ')));
                } catch (IOException | RuntimeException gone) {
                    // the thread ended between the listing and the read
                }
            }
        } catch (IOException e) {
            return OS.getProcessCpuTime();
        }
        return sum;
    }

    private static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    public static void main(String[] args) {
        int n = (int) BenchSupport.arg(args, "n", 100_000);
        int warmup = (int) BenchSupport.arg(args, "warmup", 5);
        int rounds = (int) BenchSupport.arg(args, "rounds", 10);
        double[][] measured = Async.run(async(() -> {
            double[][] m = new double[8][rounds];   // wall off/on, cpu off/on (us/task), GC ms off/on, bytes allocated per task off/on
            long events = 0;
            for (int r = -warmup; r < rounds; r++) {
                for (int side = 0; side < 2; side++) {
                    boolean record = (r + side) % 2 == 0;   // alternate which side goes first
                    // A young collection that lands in a round with 100 000 live virtual threads
                    // takes up to a second here, more than the whole effect measured: collect
                    // before each round (a round allocates less than the young generation).
                    System.gc();
                    TaskRecorder rec = record ? TaskRecorder.start(Loop.getRunningLoop()) : null;
                    long a0 = THREADS.getTotalThreadAllocatedBytes();
                    long g0 = gcMillis();
                    long c0 = cpuNanos();
                    long t0 = System.nanoTime();
                    List<Task<Void>> tasks = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        tasks.add(createTask(async(() -> await(sleep(0)))));
                    }
                    await(gather(tasks));
                    long t1 = System.nanoTime();
                    long c1 = cpuNanos();
                    long g1 = gcMillis();
                    long a1 = THREADS.getTotalThreadAllocatedBytes();
                    if (rec != null) {
                        rec.stop();
                        events = rec.size();
                    }
                    if (r >= 0) {
                        int s = record ? 1 : 0;
                        m[s][r] = (t1 - t0) / 1e3 / n;
                        m[2 + s][r] = (c1 - c0) / 1e3 / n;
                        m[4 + s][r] = g1 - g0;
                        m[6 + s][r] = (double) (a1 - a0) / n;
                    }
                }
            }
            System.out.println("# events recorded per round: " + events);
            return m;
        }));
        BenchSupport.rounds("W1-recorder-off wall", "us/task", measured[0]);
        BenchSupport.rounds("W1-recorder-on wall", "us/task", measured[1]);
        BenchSupport.rounds("W1-recorder-off cpu", "us/task", measured[2]);
        BenchSupport.rounds("W1-recorder-on cpu", "us/task", measured[3]);
        BenchSupport.rounds("W1-recorder-off gc", "ms", measured[4]);
        BenchSupport.rounds("W1-recorder-on gc", "ms", measured[5]);
        System.out.printf("W1 bytes allocated per task (median): recorder off %.0f, on %.0f%n",
                BenchSupport.median(measured[6]), BenchSupport.median(measured[7]));
        report("wall", measured[0], measured[1]);
        report("cpu ", measured[2], measured[3]);
    }

    private static void report(String what, double[] off, double[] on) {
        double[] pairs = new double[off.length];
        for (int i = 0; i < off.length; i++) {
            pairs[i] = on[i] / off[i];
        }
        System.out.printf("W1 %s us/task (median): recorder off %.4f, on %.4f, on/off %.3f; median of pair ratios %.3f (target <= 1.20)%n",
                what, BenchSupport.median(off), BenchSupport.median(on), BenchSupport.median(on) / BenchSupport.median(off),
                BenchSupport.median(pairs));
    }
}
