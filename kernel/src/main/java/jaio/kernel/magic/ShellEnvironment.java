package jaio.kernel.magic;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The environment of the session's shell commands ({@code !cmd}, {@code %%bash}): the kernel's own,
 * with the changes made by {@code %env NAME=value}. A JVM cannot change its own environment, so
 * the changes reach child processes, not {@code System.getenv} (see the README's differences).
 */
final class ShellEnvironment {
    private static final Map<String, String> SET = new ConcurrentHashMap<>();

    private ShellEnvironment() {}

    static void set(String name, String value) {
        SET.put(name, value);
    }

    /** The value a child process sees, or null. */
    static String get(String name) {
        String v = SET.get(name);
        return v != null ? v : System.getenv(name);
    }

    /** The whole environment a child process sees, sorted by name. */
    static Map<String, String> all() {
        Map<String, String> m = new TreeMap<>(System.getenv());
        m.putAll(SET);
        return m;
    }

    /** Applies the changes to a process about to start. */
    static void applyTo(ProcessBuilder pb) {
        pb.environment().putAll(SET);
    }
}
