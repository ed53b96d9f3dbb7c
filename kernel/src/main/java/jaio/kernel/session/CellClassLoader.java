package jaio.kernel.session;

import java.lang.classfile.ClassFile;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.classfile.constantpool.Utf8Entry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Defines one batch of snippet classes (what JShell loads for one snippet: its wrapper class and
 * the classes nested in it), so they can be unloaded together once the snippet was replaced or
 * has run and nothing uses its code or its objects any more. One loader for all snippets would
 * keep every class of the session's history loaded for the kernel's lifetime.
 *
 * <p>Names: the batch's own classes first; other snippet classes ({@code REPL.*}) by name through
 * the session's {@link SnippetClassLoader#snippetClass}; everything else through the session loader
 * (the user's class path, then the kernel-visible JDK and jaio).
 *
 * <p>Invariant: a class of this batch can always resolve the snippet classes its code names. The
 * session only keeps a snippet's classes while JShell can still name them; so this loader holds,
 * strongly, every other snippet class its constant pools mention (found when it is made), and
 * those stay loaded for as long as this batch's classes do, even if their snippet was replaced.
 */
final class CellClassLoader extends ClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final SnippetClassLoader session;
    private final Map<String, byte[]> batch;
    /** The other snippet classes this batch's code names: kept loaded as long as this batch is. */
    private final List<Class<?>> uses;

    CellClassLoader(SnippetClassLoader session, Map<String, byte[]> batch) {
        super("jaio-cell", session);
        this.session = session;
        this.batch = Map.copyOf(batch);
        this.uses = usedSnippetClasses(session, this.batch);
    }

    /** The (instrumented) bytes of {@code name} if it is one of this batch's classes, else null. */
    byte[] bytes(String name) {
        return batch.get(name);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
            Class<?> c = findLoadedClass(name);
            if (c == null) {
                byte[] b = batch.get(name);
                if (b != null) {
                    c = defineClass(name, b, 0, b.length);
                } else if (SnippetClassLoader.isSnippetClassName(name)) {
                    c = session.snippetClass(name);
                    if (c == null) {
                        throw new ClassNotFoundException(name);
                    }
                } else {
                    c = session.loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(c);
            }
            return c;
        }
    }

    /**
     * This batch's class bytes and, through the session loader, those of other snippet classes and
     * of the user's class path: a process pool worker asks the loader of a function's class for them.
     */
    @Override
    public java.io.InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] b = batch.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            if (b != null) {
                return new java.io.ByteArrayInputStream(b);
            }
        }
        return session.getResourceAsStream(name);
    }

    private static List<Class<?>> usedSnippetClasses(SnippetClassLoader session, Map<String, byte[]> batch) {
        Set<String> named = new HashSet<>();
        for (byte[] b : batch.values()) {
            try {
                for (PoolEntry e : ClassFile.of().parse(b).constantPool()) {
                    if (e instanceof Utf8Entry u) {
                        addSnippetNames(u.stringValue(), named);
                    }
                }
            } catch (IllegalArgumentException unreadable) {
                // The class will fail to define too; nothing to keep.
            }
        }
        List<Class<?>> used = new ArrayList<>();
        for (String n : named) {
            if (!batch.containsKey(n)) {
                Class<?> k = session.snippetClass(n);
                if (k != null) {
                    used.add(k);
                }
            }
        }
        return used;
    }

    /** Adds the snippet class names ({@code REPL/$JShell$12$Foo}) in a constant: a class name or a descriptor. */
    private static void addSnippetNames(String s, Set<String> named) {
        int at = s.indexOf("REPL/");
        while (at >= 0) {
            int end = at + 5;
            while (end < s.length() && ";<>()[".indexOf(s.charAt(end)) < 0) {
                end++;
            }
            named.add(s.substring(at, end).replace('/', '.'));
            at = s.indexOf("REPL/", end);
        }
    }
}
