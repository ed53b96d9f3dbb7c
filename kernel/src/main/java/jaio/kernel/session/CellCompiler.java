package jaio.kernel.session;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Iterator;
import java.util.NavigableMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TaskListener;
import jdk.jshell.JShell;

/**
 * Compiles one class of the kernel's own in the JShell session's compiler, with ONE javac task:
 * JShell's file manager (the class path and the session's in-memory {@code REPL} classes), a warm
 * javac context from JShell's own task pool, JShell's options for code generation and the same
 * components JShell installs in each of its tasks (access checks it can lift, the parser that reads
 * intersection types, the listener that gives {@code var} variables their inferred types).
 *
 * <p>Why: JShell compiles a snippet with a parse task, an analysis task and a generation task, each
 * re-entering every import and setting up modules again. A cell that declares nothing
 * ({@link DirectRun}) needs none of JShell's bookkeeping, only its classes to compile against.
 *
 * <p>Invariants: the class files written are taken out of JShell's file manager right after the
 * task (no later task reads them); after every task the {@code REPL} package is purged
 * from the context's symbol table exactly as JShell's {@code TaskFactory} does, so the pooled context
 * never holds a stale symbol of a class JShell replaced. Everything it reaches is JShell's internal
 * state: {@link #of} returns null when the JDK's internals differ, and cells keep JShell's path.
 *
 * <p>Thread: under JShell's lock ({@link LockedJShell}); JShell's compiler state is not thread-safe.
 */
final class CellCompiler {
    /** JShell's options for code generation ({@code TaskFactory.compile}): the pool's context for them is JShell's warm one. */
    private static final List<String> GENERATE_OPTIONS = List.of("-Xlint:unchecked,-strictfp", "-proc:none", "-parameters");

    private final JShell jshell;
    private final Object taskFactory;
    private final JavaFileManager fileManager;
    private final List<String> options;
    private final Object maps;
    private final Field snippetsByKey;
    private final Method importLine;
    private final Field pool;
    private final Method getTask;
    private final Class<?> workerType;
    private final Method getContext;
    private final Method disableAccessChecks;
    private final Method intersectionParser;
    private final Constructor<?> varTypesListener;
    private final ReplPurge purge;
    private final NavigableMap<String, ?> classFiles;
    private final Method getBytes;

    @SuppressWarnings("unchecked")
    private CellCompiler(JShell jshell) throws ReflectiveOperationException {
        this.jshell = jshell;
        Internals.open(JShell.class, "jdk.jshell");
        Class<?> pkgPool = Internals.type(JavacTask.class, "com.sun.tools.javac.api.JavacTaskPool");
        Internals.open(pkgPool, "com.sun.tools.javac.api");
        Internals.open(pkgPool, "com.sun.tools.javac.code");
        Internals.open(pkgPool, "com.sun.tools.javac.util");
        taskFactory = Internals.field(JShell.class, "taskFactory").get(jshell);
        Class<?> factoryType = taskFactory.getClass();
        fileManager = (JavaFileManager) Internals.field(factoryType, "fileManager").get(taskFactory);
        @SuppressWarnings("unchecked")
        List<String> extra = (List<String>) Internals.field(JShell.class, "extraCompilerOptions").get(jshell);
        List<String> all = new ArrayList<>(GENERATE_OPTIONS);
        all.addAll(extra);
        options = List.copyOf(all);
        maps = Internals.field(JShell.class, "maps").get(jshell);
        snippetsByKey = Internals.field(maps.getClass(), "keyIndexToSnippet");
        importLine = Internals.method(jdk.jshell.Snippet.class, "importLine", JShell.class);
        pool = Internals.field(factoryType, "javacTaskPool");
        workerType = Internals.type(pkgPool, "com.sun.tools.javac.api.JavacTaskPool$Worker");
        getTask = pkgPool.getMethod("getTask", java.io.Writer.class, JavaFileManager.class, javax.tools.DiagnosticListener.class,
                Iterable.class, Iterable.class, Iterable.class, workerType);
        Class<?> contextType = Internals.type(pkgPool, "com.sun.tools.javac.util.Context");
        getContext = Internals.type(pkgPool, "com.sun.tools.javac.api.JavacTaskImpl").getMethod("getContext");
        disableAccessChecks = Internals.method(Internals.type(JShell.class, factoryType.getName() + "$DisableAccessibilityResolve"),
                "preRegister", contextType);
        intersectionParser = Internals.method(Internals.type(JShell.class, factoryType.getName() + "$JShellAnalyzeParserFactory"),
                "preRegister", contextType);
        varTypesListener = Internals.type(JShell.class, factoryType.getName() + "$TaskListenerImpl")
                .getDeclaredConstructor(contextType, JShell.class);
        varTypesListener.setAccessible(true);
        purge = new ReplPurge(pkgPool);
        classFiles = (NavigableMap<String, ?>) Internals.field(fileManager.getClass(), "classObjects").get(fileManager);
        getBytes = Internals.method(Internals.type(JShell.class, fileManager.getClass().getName() + "$OutputMemoryJavaFileObject"), "getBytes");
    }

    /** The compiler of {@code jshell}'s session, or null (with a note on the kernel's log) when JShell's internals cannot be reached. */
    static CellCompiler of(JShell jshell) {
        try {
            return new CellCompiler(jshell);
        } catch (ReflectiveOperationException | RuntimeException e) {
            OutputRouter.kernelErr().println("jaio: cells go through JShell's full pipeline (cannot reach its compiler: " + e + ")");
            return null;
        }
    }

    /**
     * The head of a class compiled in the session whose source names {@code names}: {@code package
     * REPL;} and the imports JShell puts in every wrapper ({@code SnippetMaps.packageAndImportsExcept}:
     * every import of the session, a static import of each defined declaration), in its order,
     * except the declarations the source does not name.
     *
     * <p>Why: each import is entered and resolved by every javac task, and a declaration's import
     * reads its wrapper's class file: a long session's cell paid for every variable and method ever
     * declared. A simple name the source does not contain cannot resolve through an import, so
     * leaving those out changes nothing the source means.
     */
    String packageAndImports(java.util.Set<String> names) throws ReflectiveOperationException {
        StringBuilder sb = new StringBuilder("package REPL;\n");
        for (Object o : (List<?>) snippetsByKey.get(maps)) {
            if (o instanceof jdk.jshell.PersistentSnippet p && (p instanceof jdk.jshell.ImportSnippet || names.contains(p.name()))
                    && p.name() != null && !p.name().isEmpty() && jshell.status(p).isDefined()) {
                sb.append((String) importLine.invoke(p, jshell));
            }
        }
        return sb.toString();
    }

    /**
     * Compiles {@code source}, the compilation unit of class {@code REPL.simpleName}; returns the class
     * files written (binary name to bytes, the top-level class first), or null when javac reported an
     * error (nothing is kept of the attempt).
     */
    Map<String, byte[]> compile(String simpleName, String source) throws ReflectiveOperationException {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject unit = new Source("REPL." + simpleName, source);
        Object worker = Internals.javacWorker(workerType, task -> {
            Object context = getContext.invoke(task);
            disableAccessChecks.invoke(null, context);
            intersectionParser.invoke(null, context);
            task.addTaskListener((TaskListener) varTypesListener.newInstance(context, jshell));
            try {
                return task.call();
            } finally {
                purge.run(context, classFiles.keySet());
            }
        });
        Object ok;
        Map<String, byte[]> written;
        try {
            ok = getTask.invoke(pool.get(taskFactory), null, fileManager, diagnostics, options, null, List.of(unit), worker);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        } finally {
            written = takeClassFiles("REPL." + simpleName);
        }
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                return null;
            }
        }
        return Boolean.TRUE.equals(ok) && !written.isEmpty() ? written : null;
    }

    /**
     * Removes the class files of {@code className} and its nested classes from JShell's file manager
     * (the compiler writes there: a pooled context keeps the file manager it was created with) and
     * returns their bytes, the top-level class first.
     */
    private Map<String, byte[]> takeClassFiles(String className) throws ReflectiveOperationException {
        Map<String, byte[]> taken = new LinkedHashMap<>();
        Iterator<? extends Map.Entry<String, ?>> it = classFiles.tailMap(className, true).entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, ?> e = it.next();
            String name = e.getKey();
            if (!name.startsWith(className)) {
                break;
            }
            if (name.length() == className.length() || name.charAt(className.length()) == '$') {
                taken.put(name, (byte[]) getBytes.invoke(e.getValue()));
                it.remove();
            }
        }
        return taken;
    }

    /** The unit's source, named as JShell names its wrappers' ({@code string:///REPL/$JShell$12.java}). */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(String className, String code) {
            super(URI.create("string:///" + className.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = code;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }

    /**
     * What JShell's {@code TaskFactory.runTask} does after each task: removes the {@code REPL}
     * package's classes from the context's symbol table and lets the package be listed afresh, so the
     * next task on this context reads the session's classes as they are then. JShell walks every
     * class symbol of the context (the JDK's included) to find them; the classes a task can have
     * entered there are those of the {@code REPL} class files in the file manager (the package's
     * listing, and the classes they name) and the classes of its own unit (written there too), so
     * those names are looked up instead.
     */
    private static final class ReplPurge {
        private final Method symtab;
        private final Method names;
        private final Method fromString;
        private final Field javaBase;
        private final Field noModule;
        private final Field unnamedModule;
        private final Method getPackage;
        private final Method removeClass;
        private final Field members;
        private final Field completer;
        private final Method classFinder;
        private final Method getCompleter;

        ReplPurge(Class<?> beside) throws ReflectiveOperationException {
            Class<?> context = Internals.type(beside, "com.sun.tools.javac.util.Context");
            Class<?> symtabType = Internals.type(beside, "com.sun.tools.javac.code.Symtab");
            Class<?> namesType = Internals.type(beside, "com.sun.tools.javac.util.Names");
            Class<?> nameType = Internals.type(beside, "com.sun.tools.javac.util.Name");
            Class<?> symbol = Internals.type(beside, "com.sun.tools.javac.code.Symbol");
            Class<?> moduleSymbol = Internals.type(beside, "com.sun.tools.javac.code.Symbol$ModuleSymbol");
            Class<?> packageSymbol = Internals.type(beside, "com.sun.tools.javac.code.Symbol$PackageSymbol");
            Class<?> finder = Internals.type(beside, "com.sun.tools.javac.code.ClassFinder");
            symtab = symtabType.getMethod("instance", context);
            names = namesType.getMethod("instance", context);
            fromString = namesType.getMethod("fromString", String.class);
            javaBase = symtabType.getField("java_base");
            noModule = symtabType.getField("noModule");
            unnamedModule = symtabType.getField("unnamedModule");
            getPackage = symtabType.getMethod("getPackage", moduleSymbol, nameType);
            removeClass = symtabType.getMethod("removeClass", moduleSymbol, nameType);
            members = packageSymbol.getField("members_field");
            completer = symbol.getField("completer");
            classFinder = finder.getMethod("instance", context);
            getCompleter = finder.getMethod("getCompleter");
        }

        /** Purges the {@code REPL} package of {@code context}; {@code replClasses}: the binary names of the package's class files. */
        void run(Object context, java.util.Collection<String> replClasses) throws ReflectiveOperationException {
            Object syms = symtab.invoke(null, context);
            Object names = this.names.invoke(null, context);
            Object replModule = javaBase.get(syms) == noModule.get(syms) ? noModule.get(syms) : unnamedModule.get(syms);
            Object repl = getPackage.invoke(syms, replModule, fromString.invoke(names, "REPL"));
            if (repl == null) {
                return;
            }
            for (String name : replClasses) {
                removeClass.invoke(syms, replModule, fromString.invoke(names, name));
            }
            members.set(repl, null);
            completer.set(repl, getCompleter.invoke(classFinder.invoke(null, context)));
        }
    }
}
