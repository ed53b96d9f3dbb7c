import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The raw-JDK side of the runtime benchmarks: the same workloads with plain virtual threads and no
 * event loop (Thread.yield for sleep(0), Thread.sleep for sleep(1), join for gather,
 * LinkedBlockingQueue for asyncio.Queue). The carrier count is the JVM's choice unless run.sh sets
 * {@code -Djdk.virtualThreadScheduler.parallelism=1 -Djdk.virtualThreadScheduler.maxPoolSize=1}.
 * Usage: {@code java -cp ... RawJdkBench W1|W2|W3 [n=..] [warmup=..] [rounds=..]}.
 */
public final class RawJdkBench {
    private RawJdkBench() {}

    public static void main(String[] args) throws Exception {
        System.out.println("# carriers: parallelism=" + System.getProperty("jdk.virtualThreadScheduler.parallelism", "default")
                + " maxPoolSize=" + System.getProperty("jdk.virtualThreadScheduler.maxPoolSize", "default"));
        switch (args[0]) {
            case "W1" -> w1(args);
            case "W2" -> w2(args);
            case "W3" -> w3(args);
            default -> throw new IllegalArgumentException("workload W1, W2 or W3, got " + args[0]);
        }
    }

    static void w1(String[] args) throws InterruptedException {
        int n = (int) arg(args, "n", 100_000);
        int warmup = (int) arg(args, "warmup", 5);
        int rounds = (int) arg(args, "rounds", 10);
        double[] us = new double[rounds];
        Thread[] threads = new Thread[n];
        for (int r = -warmup; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                threads[i] = Thread.ofVirtual().start(Thread::yield);
            }
            for (Thread t : threads) {
                t.join();
            }
            double perTask = (System.nanoTime() - t0) / 1e3 / n;
            if (r >= 0) {
                us[r] = perTask;
            }
        }
        rounds("W1", "us/task", us);
        result("W1", "us_per_task", median(us));
    }

    static void w2(String[] args) throws InterruptedException {
        int n = (int) arg(args, "n", 1_000_000);
        // mem=1: sample the heap 0.5 s after the last start (two full GCs: seconds with a million
        // threads, so the wall time is taken from a run without sampling, mem=0).
        boolean mem = arg(args, "mem", 1) != 0;
        long baseline = mem ? heapUsedAfterGc() : 0;
        Thread[] threads = new Thread[n];
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            threads[i] = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        long peak = 0;
        if (mem) {
            // The main (platform) thread samples, as the loop versions do from a timer callback.
            Thread.sleep(500);
            peak = heapUsedAfterGc();
        }
        for (Thread t : threads) {
            t.join();
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (mem) {
            result("W2", "bytes_per_task", (double) (peak - baseline) / n);
        } else {
            result("W2", "wall_s", wall);
        }
    }

    static void w3(String[] args) throws InterruptedException {
        int n = (int) arg(args, "n", 1_000_000);
        int warmup = (int) arg(args, "warmup", 2);
        int rounds = (int) arg(args, "rounds", 5);
        double[] us = new double[rounds];
        for (int r = -warmup; r < rounds; r++) {
            LinkedBlockingQueue<Integer> ping = new LinkedBlockingQueue<>();
            LinkedBlockingQueue<Integer> pong = new LinkedBlockingQueue<>();
            long t0 = System.nanoTime();
            Thread pinger = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        ping.put(i);
                        pong.take();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            Thread ponger = Thread.ofVirtual().start(() -> {
                try {
                    for (int i = 0; i < n; i++) {
                        pong.put(ping.take());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            pinger.join();
            ponger.join();
            double perTrip = (System.nanoTime() - t0) / 1e3 / n;
            if (r >= 0) {
                us[r] = perTrip;
            }
        }
        rounds("W3", "us/round trip", us);
        result("W3", "us_per_round_trip", median(us));
    }

    // ---- helpers (this file stands alone: it must not need the jaio jar) -----------------

    static long arg(String[] args, String name, long dflt) {
        for (String a : args) {
            if (a.startsWith(name + "=")) {
                return Long.parseLong(a.substring(name.length() + 1));
            }
        }
        return dflt;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static long heapUsedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static void result(String workload, String key, double value) {
        System.out.printf(Locale.ROOT, "RESULT %s %s %.4f%n", workload, key, value);
    }

    static void rounds(String workload, String unit, double[] measured) {
        StringBuilder sb = new StringBuilder();
        for (double d : measured) {
            sb.append(String.format(Locale.ROOT, " %.3f", d));
        }
        System.out.println("# " + workload + " rounds (" + unit + "):" + sb);
    }
}
