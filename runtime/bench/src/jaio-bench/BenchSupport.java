import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** Shared helpers of the JVM benchmarks: arguments, medians, heap sampling, result lines. */
final class BenchSupport {
    private BenchSupport() {}

    /** {@code name=value} arguments after the workload name, with defaults. */
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

    /** Heap used after a full collection, in bytes (G1: System.gc() is a full, compacting GC). */
    static long heapUsedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * Prints the heap's class histogram (top {@code lines} rows) to stderr: where the bytes per task
     * go. Asked for with {@code histo=1}; the histogram itself forces a full GC.
     */
    static void printHistogram(int lines) {
        try {
            var server = ManagementFactory.getPlatformMBeanServer();
            String h = (String) server.invoke(new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram", new Object[] {new String[0]}, new String[] {String[].class.getName()});
            h.lines().limit(lines).forEach(System.err::println);
        } catch (Exception e) {
            System.err.println("no class histogram: " + e);
        }
    }

    /** One machine-readable line for run.sh: {@code RESULT <workload> <key> <value>}. */
    static void result(String workload, String key, double value) {
        System.out.printf(java.util.Locale.ROOT, "RESULT %s %s %.4f%n", workload, key, value);
    }

    static void rounds(String workload, String unit, double[] measured) {
        StringBuilder sb = new StringBuilder();
        for (double d : measured) {
            sb.append(String.format(java.util.Locale.ROOT, " %.3f", d));
        }
        System.out.println("# " + workload + " rounds (" + unit + "):" + sb);
    }
}
