package jaio.kernel.session;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The session's class loader: the context class loader of cells, the loader of the user's class
 * path ({@link #addURL}), and the one place that knows the snippet classes by name. Its parent is a
 * {@link KernelVisibleLoader}, so user code sees the JDK and jaio only. User class-path classes
 * that call an exit method get the exit replacement.
 *
 * <p>Snippet classes are defined batch by batch, each by a {@link CellClassLoader} of its own
 * ({@link #define}), so a replaced snippet's classes can be unloaded. This loader finds them by name
 * ({@link #snippetClass}) and holds each one strongly while it is <em>current</em> (JShell may still
 * compile code against it or invoke it) and only weakly once {@link #release released} (a pruned
 * snippet, see {@link SnippetHistory}): a released class lives as long as running code, objects, or a
 * later batch that names it keep it, and is found by name until it is unloaded.
 */
final class SnippetClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    /** A snippet class by name: weakly (cleared when it is unloaded), and strongly while current. */
    private static final class Known extends WeakReference<Class<?>> {
        final String name;
        volatile Class<?> current;

        Known(Class<?> k, ReferenceQueue<Class<?>> queue) {
            super(k, queue);
            this.name = k.getName();
            this.current = k;
        }
    }

    private static final int UNLOAD_NOTICE_DELAY = 200;
    private final Map<String, Known> snippetClasses = new ConcurrentHashMap<>();
    /** Wrappers found unloaded whose listeners were not told yet, oldest first (the thread that defines batches). */
    private final java.util.ArrayDeque<String> unloadedWrappers = new java.util.ArrayDeque<>();
    private final ReferenceQueue<Class<?>> unloaded = new ReferenceQueue<>();
    private volatile Consumer<String> onWrapperUnloaded = name -> {};

    SnippetClassLoader(ClassLoader parent) {
        super("jaio-snippets", new URL[0], parent);
    }

    /** Whether {@code name} is the name of a class JShell compiled from a snippet. */
    static boolean isSnippetClassName(String name) {
        return name.startsWith("REPL.");
    }

    /**
     * The one way a class gets into the session: defines {@code batch} (class name to bytes, ready
     * to run: {@link SnippetLoaderDelegate#load} instruments them first) in a loader of its own and
     * returns its classes in {@code order}, each current until {@link #release}d. Later snippets'
     * classes find them by name.
     */
    List<Class<?>> define(Map<String, byte[]> batch, List<String> order) throws ClassNotFoundException {
        forgetUnloaded();
        CellClassLoader cell = new CellClassLoader(this, batch);
        List<Class<?>> out = new ArrayList<>(order.size());
        for (String name : order) {
            Class<?> k = cell.loadClass(name);
            snippetClasses.put(name, new Known(k, unloaded));
            out.add(k);
        }
        return out;
    }

    /** The loaded snippet class called {@code name}, or null if there is none (never loaded, or unloaded). */
    Class<?> snippetClass(String name) {
        Known k = snippetClasses.get(name);
        return k == null ? null : k.get();
    }

    /**
     * JShell can no longer name {@code wrapper} (a wrapper class, {@code REPL.$JShell$15}): it and
     * the classes nested in it are held weakly from now on.
     */
    void release(String wrapper) {
        for (Known k : snippetClasses.values()) {
            if (k.name.equals(wrapper) || (k.name.startsWith(wrapper) && k.name.charAt(wrapper.length()) == '$')) {
                k.current = null;
            }
        }
    }

    /** Called with the name of each wrapper class found unloaded, a while after (on a thread that defines a batch). */
    void onWrapperUnloaded(Consumer<String> listener) {
        onWrapperUnloaded = listener;
    }

    /**
     * Forgets the names of unloaded classes. Listeners hear of an unloaded wrapper only
     * {@value #UNLOAD_NOTICE_DELAY} unloaded wrappers later: what reports on an object found dead in
     * the same collection as its class (a coroutine never awaited) still maps its frames.
     */
    private synchronized void forgetUnloaded() {
        for (java.lang.ref.Reference<? extends Class<?>> r; (r = unloaded.poll()) != null; ) {
            Known k = (Known) r;
            if (snippetClasses.remove(k.name, k) && k.name.equals(SnippetHistory.wrapperOfClass(k.name))) {
                unloadedWrappers.add(k.name);
            }
        }
        while (unloadedWrappers.size() > UNLOAD_NOTICE_DELAY) {
            onWrapperUnloaded.accept(unloadedWrappers.poll());
        }
    }

    /** The bytes a snippet class was defined from, or null. */
    private byte[] snippetBytes(String name) {
        Class<?> k = snippetClass(name);
        return k != null && k.getClassLoader() instanceof CellClassLoader cell ? cell.bytes(name) : null;
    }

    /**
     * Also the bytes of the classes cells declared, which exist only in memory: a process pool
     * worker asks for them by resource name to run a function defined in a cell.
     */
    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] bytes = snippetBytes(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
            if (bytes != null) {
                return new java.io.ByteArrayInputStream(bytes);
            }
        }
        return super.getResourceAsStream(name);
    }

    @Override
    public void addURL(URL url) {
        super.addURL(url);
    }

    /** Resolves class hierarchy for the stack-map generator: declared bytes first, then this loader's view. */
    ClassHierarchyResolver hierarchy(Map<String, byte[]> batch) {
        return ClassHierarchyResolver.ofResourceParsing(desc -> {
            String d = desc.descriptorString();
            String internal = d.substring(1, d.length() - 1);
            String resource = internal + ".class";
            String name = internal.replace('/', '.');
            byte[] b = batch.get(name);
            if (b == null) {
                b = snippetBytes(name);
            }
            if (b != null) {
                return new java.io.ByteArrayInputStream(b);
            }
            return getResourceAsStream(resource);
        }).orElse(ClassHierarchyResolver.ofClassLoading(this)).orElse(ClassHierarchyResolver.defaultResolver());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (isSnippetClassName(name)) {
            Class<?> k = snippetClass(name);
            if (k == null) {
                throw new ClassNotFoundException(name);
            }
            return k;
        }
        String resource = name.replace('.', '/') + ".class";
        URL url = findResource(resource);
        if (url == null) {
            throw new ClassNotFoundException(name);
        }
        byte[] raw;
        try (InputStream in = url.openStream()) {
            raw = in.readAllBytes();
        } catch (IOException e) {
            throw new ClassNotFoundException(name, e);
        }
        byte[] code = raw;
        try {
            if (SnippetInstrumenter.callsExit(raw)) {
                code = SnippetInstrumenter.instrumentLibrary(raw, hierarchy(Map.of()));
            }
        } catch (RuntimeException | LinkageError e) {
            // A class the classfile API cannot rewrite still loads, just without the exit guard.
            code = raw;
        }
        CodeSource source = new CodeSource(codeBase(url, resource), (java.security.cert.Certificate[]) null);
        definePackageFor(name, url, resource);
        return defineClass(name, code, 0, code.length, source);
    }

    private void definePackageFor(String className, URL url, String resource) {
        int dot = className.lastIndexOf('.');
        if (dot < 0) {
            return;
        }
        String pkg = className.substring(0, dot);
        if (getDefinedPackage(pkg) == null) {
            try {
                definePackage(pkg, null, null, null, null, null, null, null);
            } catch (IllegalArgumentException alreadyDefinedConcurrently) {
                // Another thread defined it first: nothing to do.
            }
        }
    }

    private static URL codeBase(URL url, String resource) {
        String s = url.toString();
        try {
            if (s.startsWith("jar:")) {
                return java.net.URI.create(s.substring(4, s.indexOf("!/"))).toURL();
            }
            if (s.endsWith(resource)) {
                return java.net.URI.create(s.substring(0, s.length() - resource.length())).toURL();
            }
        } catch (IOException | IllegalArgumentException e) {
            return url;
        }
        return url;
    }
}
