package jaio.kernel.session;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * Forgets what JShell keeps of snippets nothing can name any more, so a session's memory and the
 * compiler's work per cell do not grow with its history.
 *
 * <p>Why: JShell's API cannot forget a snippet ({@code drop} keeps it). It keeps every snippet it
 * ever evaluated with its source, its wraps, its outer class source (every import of the session
 * in it), its diagnostics (which hold javac's trees of the whole compilation unit), the bytes of
 * every class it compiled twice over (class tracker, in-memory file manager) and a key per
 * {@code $jaioN} name: about 20 KB per cell, kept for the kernel's lifetime. And every javac run
 * (three or four per cell) lists the whole {@code REPL} package of class files.
 *
 * <p>Invariant: after {@link #sweep}, JShell's internal maps hold only <em>live</em> snippets and
 * the classes of their current wrappers. A snippet is live when its status is active (valid or
 * recoverable) and it is a declaration or an import: those are what later snippets can name (they
 * are imported into every later wrapper). Everything else is pruned:
 * <ul>
 * <li>statements and expressions (they ran; nothing can name them), the session's own {@code $jaioN}
 *     and JShell's {@code $n} value variables (dropped right after they were shown);</li>
 * <li>overwritten, dropped and rejected snippets (no later snippet sees them);</li>
 * <li>class files, class-tracker entries and outer wraps of any wrapper class that is no live
 *     snippet's current wrapper (replaced versions, {@code $JShell$15} after {@code $JShell$15B}).</li>
 * </ul>
 * Every {@value #SWEEPS_PER_TASK_POOL} sweeps, JShell's pool of javac contexts is replaced too
 * (they keep what every compilation met).
 * Why it is safe: JShell reaches an old snippet only through these maps, and only to list
 * snippets ({@code snippets()}, where the kernel needs live ones and the newest), to find the
 * dependents of a redefined declaration (active ones only), to map a running wrapper's frames
 * (the kernel maps frames itself: {@link CellFrames}, for as long as the class lives), and to
 * tell a class already loaded from a new one (a pruned name compiled again is loaded anew, in a
 * loader of its own: {@link SnippetLoaderDelegate}). The loaded classes of pruned wrappers are
 * released to the loader delegate ({@link SnippetLoaderDelegate#release}), which lets them unload
 * once no running code uses them.
 *
 * <p>These are JShell's private fields (JDK 25's {@code jdk.jshell}), reached through
 * {@link Internals}. If any of them is missing or different (another
 * JDK), a one-line note says so and nothing is pruned: the session works and grows as JShell's does.
 *
 * <p>Thread: under JShell's lock ({@link LockedJShell}), as JShell itself changes these maps.
 */
final class SnippetHistory {
    private static final String WRAPPER_PREFIX = "REPL.$JShell$";
    /**
     * How many evaluations a pool of javac contexts serves. JShell reuses up to five javac contexts
     * for all its compilations; each one keeps, for its lifetime, the names and class symbols of every
     * snippet class it met and a listener (a weak reference, never pruned) per compilation on shared
     * scopes: about 3 KB per cell. A new pool (what JShell itself does when the class path changes)
     * lets them go; its first compilations build fresh contexts (tens of milliseconds, once).
     */
    private static final int SWEEPS_PER_TASK_POOL = 1000;

    private JShell jshell;
    private Set<Snippet> snippets;
    private List<Snippet> keyIndexToSnippet;
    private Map<String, Set<Integer>> dependencies;
    private Map<String, ?> variableKeys;
    private Map<String, ?> outerWraps;
    private Map<String, ?> trackedClasses;
    private Map<String, ?> classFiles;
    private Field snippetOuter;
    private Field snippetKey;
    private Field keyIndex;
    private Method outerClassName;
    private Object taskFactory;
    private Method newTaskPool;
    private int sweepsSinceNewPool;
    private final Consumer<String> releaseWrapper;
    /** Set when JShell's internals are not the expected ones: nothing is pruned. */
    private boolean disabled;

    private SnippetHistory(Consumer<String> releaseWrapper) {
        this.releaseWrapper = releaseWrapper;
    }

    private void reach(JShell js) throws ReflectiveOperationException {
        jshell = js;
        Object maps = field(JShell.class, "maps").get(js);
        snippets = cast(field(maps.getClass(), "snippets").get(maps));
        keyIndexToSnippet = cast(field(maps.getClass(), "keyIndexToSnippet").get(maps));
        dependencies = cast(field(maps.getClass(), "dependencies").get(maps));
        Object keyMap = field(JShell.class, "keyMap").get(js);
        variableKeys = cast(field(keyMap.getClass(), "varMap").get(keyMap));
        Object outerMap = field(JShell.class, "outerMap").get(js);
        outerWraps = cast(field(outerMap.getClass(), "classOuters").get(outerMap));
        Object tracker = field(JShell.class, "classTracker").get(js);
        trackedClasses = cast(field(tracker.getClass(), "map").get(tracker));
        taskFactory = field(JShell.class, "taskFactory").get(js);
        newTaskPool = Internals.method(taskFactory.getClass(), "initTaskPool");
        Object fileManager = field(taskFactory.getClass(), "fileManager").get(taskFactory);
        classFiles = cast(field(fileManager.getClass(), "classObjects").get(fileManager));
        snippetOuter = field(Snippet.class, "outer");
        snippetKey = field(Snippet.class, "key");
        keyIndex = field(Internals.type(JShell.class, "jdk.jshell.Key"), "index");
        outerClassName = Internals.method(Internals.type(JShell.class, "jdk.jshell.OuterWrap"), "classFullName");
    }

    /**
     * The history of {@code js}, whose pruned wrapper classes are passed to {@code releaseWrapper};
     * or an instance that prunes nothing if JShell's internals are not the expected ones.
     */
    static SnippetHistory of(JShell js, Consumer<String> releaseWrapper) {
        SnippetHistory history = new SnippetHistory(releaseWrapper);
        try {
            Internals.open(JShell.class, "jdk.jshell");
            history.reach(js);
        } catch (ReflectiveOperationException | RuntimeException e) {
            OutputRouter.kernelErr().println("jaio: cannot reach JShell's snippet history (" + e
                    + "); the session keeps every snippet, and memory and cells grow with its history");
            history.disabled = true;
        }
        return history;
    }

    /**
     * Prunes everything the invariant allows (see the class comment). Call after an evaluation,
     * once its events were read: the snippets stay readable, only JShell forgets them.
     */
    void sweep() {
        if (disabled) {
            return;
        }
        try {
            Set<String> liveWrappers = new HashSet<>();
            List<Snippet> pruned = new ArrayList<>();
            for (Iterator<Snippet> it = snippets.iterator(); it.hasNext(); ) {
                Snippet s = it.next();
                if (isLive(s)) {
                    String wrapper = wrapperOf(s);
                    if (wrapper != null) {
                        liveWrappers.add(wrapper);
                    }
                } else {
                    it.remove();
                    pruned.add(s);
                }
            }
            boolean keysFreed = false;
            for (Snippet s : pruned) {
                int ki = keyIndex.getInt(snippetKey.get(s));
                if (ki < keyIndexToSnippet.size() && keyIndexToSnippet.get(ki) == s) {
                    keyIndexToSnippet.set(ki, null);
                    keysFreed = true;
                }
            }
            if (keysFreed) {
                forgetFreedKeys();
            }
            Set<String> released = new HashSet<>();
            pruneByWrapper(outerWraps.keySet(), liveWrappers, released, name -> wrapperOfClass("REPL." + name));
            pruneByWrapper(trackedClasses.keySet(), liveWrappers, released, SnippetHistory::wrapperOfClass);
            pruneByWrapper(classFiles.keySet(), liveWrappers, released, SnippetHistory::wrapperOfClass);
            released.forEach(releaseWrapper);
            if (++sweepsSinceNewPool >= SWEEPS_PER_TASK_POOL) {
                sweepsSinceNewPool = 0;
                newTaskPool.invoke(taskFactory);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // JShell's state is not what this class knows: stop pruning rather than corrupt it.
            OutputRouter.kernelErr().println("jaio: stopped pruning JShell's snippet history (" + e + ")");
            disabled = true;
        }
    }

    /** Whether {@link #sweep} stopped after JShell's state did not match (a test checks it never does). */
    boolean disabled() {
        return disabled;
    }

    /**
     * Active declarations and imports are what later snippets can name. Value variables
     * ({@code $jaioN}, {@code $n}) are declarations too until the session drops them, right after
     * their value was taken.
     */
    private boolean isLive(Snippet s) {
        return jshell.status(s).isActive() && switch (s.kind()) {
            case STATEMENT, EXPRESSION, ERRONEOUS -> false;
            default -> true;
        };
    }

    /** Dependencies and variable keys of keys left without any snippet: nothing can look them up again. */
    private void forgetFreedKeys() throws ReflectiveOperationException {
        for (Iterator<? extends Map.Entry<String, Set<Integer>>> it = dependencies.entrySet().iterator(); it.hasNext(); ) {
            Set<Integer> dependents = it.next().getValue();
            dependents.removeIf(ki -> ki >= keyIndexToSnippet.size() || keyIndexToSnippet.get(ki) == null);
            if (dependents.isEmpty()) {
                it.remove();
            }
        }
        for (Iterator<? extends Map.Entry<String, ?>> it = variableKeys.entrySet().iterator(); it.hasNext(); ) {
            int ki = keyIndex.getInt(it.next().getValue());
            if (ki >= keyIndexToSnippet.size() || keyIndexToSnippet.get(ki) == null) {
                it.remove();
            }
        }
    }

    private static void pruneByWrapper(Set<String> names, Set<String> live, Set<String> released,
            Function<String, String> wrapperOfName) {
        for (Iterator<String> it = names.iterator(); it.hasNext(); ) {
            String wrapper = wrapperOfName.apply(it.next());
            if (wrapper != null && !live.contains(wrapper)) {
                it.remove();
                released.add(wrapper);
            }
        }
    }

    private String wrapperOf(Snippet s) throws ReflectiveOperationException {
        Object outer = snippetOuter.get(s);
        return outer == null ? null : wrapperOfClass((String) outerClassName.invoke(outer));
    }

    /** {@code REPL.$JShell$15B} for its own name and its nested classes' ({@code REPL.$JShell$15B$Foo}); null for other names. */
    static String wrapperOfClass(String className) {
        if (!className.startsWith(WRAPPER_PREFIX)) {
            return null;
        }
        int end = className.indexOf('$', WRAPPER_PREFIX.length());
        return end < 0 ? className : className.substring(0, end);
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object o) {
        if (o == null) {
            throw new IllegalStateException("a JShell map is missing");
        }
        return (T) o;
    }

    private static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        return Internals.field(owner, name);
    }
}
