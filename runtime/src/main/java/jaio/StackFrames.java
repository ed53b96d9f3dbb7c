package jaio;

import java.security.CodeSource;
import java.util.concurrent.ConcurrentHashMap;

/** Tells the runtime's and the JDK's own frames from user frames, for trimmed stacks. */
final class StackFrames {
    private static final CodeSource RUNTIME_SOURCE = Task.class.getProtectionDomain().getCodeSource();
    private static final ConcurrentHashMap<String, Boolean> RUNTIME_CLASSES = new ConcurrentHashMap<>();

    private StackFrames() {}

    static boolean isInternal(StackTraceElement e) {
        String c = e.getClassName();
        if (c.startsWith("java.") || c.startsWith("jdk.") || c.startsWith("sun.")) {
            return true;
        }
        if (!c.startsWith("jaio.")) {
            return false;
        }
        return RUNTIME_CLASSES.computeIfAbsent(c, StackFrames::isRuntimeClass);
    }

    private static boolean isRuntimeClass(String name) {
        try {
            Class<?> k = Class.forName(name, false, Task.class.getClassLoader());
            CodeSource cs = k.getProtectionDomain().getCodeSource();
            return cs != null && RUNTIME_SOURCE != null && cs.getLocation().equals(RUNTIME_SOURCE.getLocation());
        } catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }
}
