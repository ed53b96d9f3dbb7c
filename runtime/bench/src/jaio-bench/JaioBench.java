import static jaio.Async.async;
import static jaio.Async.await;
import static jaio.Async.createTask;
import static jaio.Async.eagerTaskFactory;
import static jaio.Async.gather;
import static jaio.Async.getRunningLoop;
import static jaio.Async.sleep;

import jaio.Async;
import jaio.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * The jaio side of the runtime benchmarks, written against the public API only, line for line as
 * asyncio_bench.py. Usage: {@code java --add-opens=java.base/java.lang=ALL-UNNAMED -cp ... JaioBench
 * W1|W1e|W2|W3 [n=..] [warmup=..] [rounds=..]}; prints {@code RESULT} lines that run.sh reads.
 */
public final class JaioBench {
    private JaioBench() {}

    public static void main(String[] args) {
        switch (args[0]) {
            case "W1" -> w1(args, false);
            case "W1e" -> w1(args, true);
            case "W2" -> w2(args);
            case "W3" -> w3(args);
            default -> throw new IllegalArgumentException("workload W1, W1e, W2 or W3, got " + args[0]);
        }
    }

    /**
     * W1 spawn+gather: n tasks that each sleep(0) once, gathered; µs per task per round. W1e: the
     * same with {@code eagerTaskFactory}, each body running inside createTask up to its sleep(0).
     */
    static void w1(String[] args, boolean eager) {
        String workload = eager ? "W1e" : "W1";
        int n = (int) BenchSupport.arg(args, "n", 100_000);
        int warmup = (int) BenchSupport.arg(args, "warmup", 5);
        int rounds = (int) BenchSupport.arg(args, "rounds", 10);
        double[] measured = Async.run(async(() -> {
            if (eager) {
                getRunningLoop().setTaskFactory(eagerTaskFactory);
            }
            double[] us = new double[rounds];
            for (int r = -warmup; r < rounds; r++) {
                long t0 = System.nanoTime();
                List<Task<Void>> tasks = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    tasks.add(createTask(async(() -> await(sleep(0)))));
                }
                await(gather(tasks));
                double perTask = (System.nanoTime() - t0) / 1e3 / n;
                if (r >= 0) {
                    us[r] = perTask;
                }
            }
            return us;
        }));
        BenchSupport.rounds(workload, "us/task", measured);
        BenchSupport.result(workload, "us_per_task", BenchSupport.median(measured));
    }

    /**
     * W2 many sleepers: n tasks each sleep(1) concurrently, gathered; wall seconds from the first
     * createTask to the gather's end, and heap bytes per task sampled 0.5 s after the last task was
     * created (all of them are asleep then: their timers are due at least 1 s after creation).
     */
    static void w2(String[] args) {
        int n = (int) BenchSupport.arg(args, "n", 1_000_000);
        // mem=1: sample the heap 0.5 s after the last task was created (two full GCs: seconds with a
        // million tasks, so the wall time is taken from a run without sampling, mem=0).
        boolean mem = BenchSupport.arg(args, "mem", 1) != 0;
        boolean histo = BenchSupport.arg(args, "histo", 0) != 0;
        long baseline = mem ? BenchSupport.heapUsedAfterGc() : 0;
        long[] peak = new long[1];
        double wall = Async.run(async(() -> {
            long t0 = System.nanoTime();
            List<Task<Void>> tasks = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                tasks.add(createTask(sleep(1)));
            }
            long created = System.nanoTime();
            getRunningLoop().callLater(mem ? 0.5 : 0, () -> {
                long sampled = System.nanoTime();
                if (mem) {
                    peak[0] = BenchSupport.heapUsedAfterGc();
                    if (histo) {
                        BenchSupport.printHistogram(30);
                    }
                }
                System.out.printf(java.util.Locale.ROOT, "# W2 phases: tasks created at %.2f s, all first steps done by %.2f s,"
                        + " sampling took %.2f s%n", (created - t0) / 1e9, (sampled - t0) / 1e9, (System.nanoTime() - sampled) / 1e9);
            });
            await(gather(tasks));
            return (System.nanoTime() - t0) / 1e9;
        }));
        if (mem) {
            BenchSupport.result("W2", "bytes_per_task", (double) (peak[0] - baseline) / n);
        } else {
            BenchSupport.result("W2", "wall_s", wall);
        }
    }

    /** W3 ping-pong: n round trips between two tasks through two queues; µs per round trip. */
    static void w3(String[] args) {
        int n = (int) BenchSupport.arg(args, "n", 1_000_000);
        int warmup = (int) BenchSupport.arg(args, "warmup", 2);
        int rounds = (int) BenchSupport.arg(args, "rounds", 5);
        System.out.println("# W3 channel: " + PingPongChannel.kind());
        double[] measured = Async.run(async(() -> {
            double[] us = new double[rounds];
            for (int r = -warmup; r < rounds; r++) {
                PingPongChannel<Integer> ping = PingPongChannel.create();
                PingPongChannel<Integer> pong = PingPongChannel.create();
                long t0 = System.nanoTime();
                Task<Void> pinger = createTask(async(() -> {
                    for (int i = 0; i < n; i++) {
                        await(ping.put(i));
                        await(pong.get());
                    }
                }));
                Task<Void> ponger = createTask(async(() -> {
                    for (int i = 0; i < n; i++) {
                        Integer x = await(ping.get());
                        await(pong.put(x));
                    }
                }));
                await(gather(pinger, ponger));
                double perTrip = (System.nanoTime() - t0) / 1e3 / n;
                if (r >= 0) {
                    us[r] = perTrip;
                }
            }
            return us;
        }));
        BenchSupport.rounds("W3", "us/round trip", measured);
        BenchSupport.result("W3", "us_per_round_trip", BenchSupport.median(measured));
    }
}
