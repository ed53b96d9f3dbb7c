package jaio.kernel.session;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;

/**
 * Forgets the class files of snippets no later snippet can refer to, so the compiler does not
 * read them again for every cell.
 *
 * <p>Why: JShell keeps every class it ever compiled in its in-memory file manager, and each javac
 * run it starts (three or four per cell) lists the whole {@code REPL} package and enters a symbol for
 * each of those classes before it looks at the cell: a cost that grows with the session's history,
 * not with the cell. A statement's or an expression's wrapper class declares nothing another snippet
 * can name, and neither does a variable the session dropped right after showing its value
 * ({@link TypedDeclaration}, JShell's {@code $n}): their class files are removed once the snippet
 * ran. The loaded classes are untouched (they live in the snippet class loader); declarations keep
 * their class files, since later snippets import them.
 *
 * <p>The file manager is JShell's internal state: it is reached by reflection, which needs the
 * {@code jdk.jshell} package opened to the kernel; the session opens it through
 * {@code java.lang.Module}, which the kernel's {@code --add-opens=java.base/java.lang} already
 * allows. When that fails (another JDK's JShell), nothing is removed and cells are only slower.
 *
 * <p>Thread: under JShell's lock ({@link LockedJShell}), as the compiler uses the same map.
 */
final class ReplClassFiles {
    private final NavigableMap<String, ?> classFiles;

    private ReplClassFiles(NavigableMap<String, ?> classFiles) {
        this.classFiles = classFiles;
    }

    /** The class files of {@code jshell}'s compiler, or an instance that forgets nothing if they cannot be reached. */
    static ReplClassFiles of(JShell jshell) {
        try {
            Internals.open(JShell.class, "jdk.jshell");
            Object taskFactory = Internals.field(JShell.class, "taskFactory").get(jshell);
            Object fileManager = Internals.field(taskFactory.getClass(), "fileManager").get(taskFactory);
            Object classObjects = Internals.field(fileManager.getClass(), "classObjects").get(fileManager);
            if (classObjects instanceof NavigableMap<?, ?> map) {
                return new ReplClassFiles((NavigableMap<String, ?>) map);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            OutputRouter.kernelErr().println("jaio: cannot reach JShell's class files (" + e
                    + "); cells get slower as the session's history grows");
        }
        return new ReplClassFiles(null);
    }

    /** Removes the class files of {@code snippet}'s wrapper class and the classes nested in it, if nothing can refer to them. */
    void forget(JShell jshell, Snippet snippet) {
        if (classFiles == null || !unreferenceable(snippet)) {
            return;
        }
        String wrapper;
        try {
            wrapper = jshell.sourceCodeAnalysis().wrapper(snippet).fullClassName();
        } catch (RuntimeException e) {
            return; // no wrapper: nothing was compiled
        }
        Iterator<? extends Map.Entry<String, ?>> it = classFiles.tailMap(wrapper, true).entrySet().iterator();
        while (it.hasNext()) {
            String name = it.next().getKey();
            if (!name.startsWith(wrapper)) {
                break;
            }
            if (name.length() == wrapper.length() || name.charAt(wrapper.length()) == '$') {
                it.remove();
            }
        }
    }

    /** Statements and expressions declare nothing; dropped variables cannot be named any more. */
    private static boolean unreferenceable(Snippet snippet) {
        return switch (snippet.kind()) {
            case STATEMENT, EXPRESSION -> true;
            case VAR -> snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND
                    || TypedDeclaration.isValueVariable(((jdk.jshell.VarSnippet) snippet).name());
            default -> false;
        };
    }
}
