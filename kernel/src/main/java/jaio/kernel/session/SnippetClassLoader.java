package jaio.kernel.session;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassHierarchyResolver;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads the classes JShell compiles from cells and the classes of the user's class path
 * ({@link #addURL}); its parent is a {@link KernelVisibleLoader}, so user code sees the JDK and
 * jaio only. Snippet classes get {@link SnippetInstrumenter#instrumentSnippet both
 * instrumentations}; user class-path classes that call an exit method get the exit replacement.
 */
final class SnippetClassLoader extends URLClassLoader {
    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> declared = new ConcurrentHashMap<>();

    SnippetClassLoader(ClassLoader parent) {
        super("jaio-snippets", new URL[0], parent);
    }

    /** Makes {@code bytes} the definition of {@code name}, loaded on first use. */
    void declare(String name, byte[] bytes) {
        declared.put(name, bytes);
    }

    /**
     * Also the bytes of the classes cells declared, which exist only in memory: a process pool
     * worker asks for them by resource name to run a function defined in a cell.
     */
    @Override
    public InputStream getResourceAsStream(String name) {
        if (name.endsWith(".class")) {
            byte[] bytes = declared.get(name.substring(0, name.length() - ".class".length()).replace('/', '.'));
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
                b = declared.get(name);
            }
            if (b != null) {
                return new java.io.ByteArrayInputStream(b);
            }
            return getResourceAsStream(resource);
        }).orElse(ClassHierarchyResolver.ofClassLoading(this)).orElse(ClassHierarchyResolver.defaultResolver());
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = declared.get(name);
        if (bytes != null) {
            return defineClass(name, bytes, 0, bytes.length, (CodeSource) null);
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
