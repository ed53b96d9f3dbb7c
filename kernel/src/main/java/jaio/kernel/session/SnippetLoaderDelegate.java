package jaio.kernel.session;

import jdk.jshell.execution.LoaderDelegate;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.InternalException;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JShell's class-loading hook for the session: instruments each batch of snippet classes and
 * defines it in the session ({@link SnippetClassLoader#define}, a loader per batch, so replaced
 * snippets' classes can be unloaded). {@link #load} is the one way to load classes into the
 * session: a loaded class is current (found by name, kept loaded) until its wrapper is
 * {@link #release}d; {@link SnippetHistory} releases JShell's wrappers, and whoever loads a class of
 * its own ({@link DirectRun}) releases it once nothing will look it up by name. Also remembers which classes were
 * loaded since {@link #takeRecentlyLoaded()}, so a cell that ran out of memory can have the static
 * fields of its own classes cleared, and which wrapper class holds each variable now and which held
 * it before ({@link #variableHolders}), so a variable JShell re-wraps can keep its value.
 */
final class SnippetLoaderDelegate implements LoaderDelegate {
    private final SnippetClassLoader loader;
    private final List<Class<?>> recentlyLoaded = new ArrayList<>();
    /** A JShell wrapper class (one per snippet and re-wrap: {@code REPL.$JShell$13}, {@code REPL.$JShell$13B}). */
    private static final java.util.regex.Pattern WRAPPER = java.util.regex.Pattern.compile("REPL\\.\\$JShell\\$\\d+[A-Z]*");
    private final Map<String, Class<?>> variableHolder = new ConcurrentHashMap<>();
    private final Map<String, Class<?>> previousVariableHolder = new ConcurrentHashMap<>();

    SnippetLoaderDelegate(SnippetClassLoader loader) {
        this.loader = loader;
    }

    SnippetClassLoader loader() {
        return loader;
    }

    @Override
    public void load(ClassBytecodes[] cbcs) throws ClassInstallException {
        Map<String, byte[]> batch = new HashMap<>();
        for (ClassBytecodes c : cbcs) {
            batch.put(c.name(), c.bytecodes());
        }
        var hierarchy = loader.hierarchy(batch);
        Map<String, byte[]> code = new HashMap<>();
        List<String> order = new ArrayList<>();
        for (ClassBytecodes c : cbcs) {
            byte[] b = SnippetAccess.widen(c.bytecodes());
            try {
                b = SnippetInstrumenter.instrumentSnippet(b, hierarchy);
            } catch (RuntimeException | LinkageError e) {
                // Never refuse a snippet because the guard could not be woven in; it runs unguarded.
            }
            code.put(c.name(), b);
            order.add(c.name());
        }
        boolean[] installed = new boolean[cbcs.length];
        try {
            List<Class<?>> loaded = loader.define(code, order);
            for (int i = 0; i < cbcs.length; i++) {
                Class<?> k = loaded.get(i);
                installed[i] = true;
                k.getDeclaredMethods(); // link now, as JShell's own delegate does
                noteVariables(k);
                synchronized (recentlyLoaded) {
                    recentlyLoaded.add(k);
                }
            }
        } catch (Throwable e) {
            throw new ClassInstallException("load: " + e.getMessage(), installed);
        }
    }

    /** Nothing to do: an in-process session never redefines a loaded class (JShell loads a new wrapper instead). */
    @Override
    public void classesRedefined(ClassBytecodes[] cbcs) {
    }

    /**
     * JShell can no longer name {@code wrapper} ({@link SnippetHistory}): its classes may be unloaded
     * once nothing uses them.
     */
    void release(String wrapper) {
        loader.release(wrapper);
    }

    /** Variable {@code name} was dropped and its value released: its holder need not be known any more. */
    void forgetVariable(String name) {
        variableHolder.remove(name);
    }

    @Override
    public void addToClasspath(String path) throws InternalException {
        try {
            for (String p : path.split(File.pathSeparator)) {
                if (!p.isBlank()) {
                    loader.addURL(new File(p).toURI().toURL());
                }
            }
        } catch (Exception e) {
            throw new InternalException(e.toString());
        }
    }

    @Override
    public Class<?> findClass(String name) throws ClassNotFoundException {
        Class<?> k = loader.snippetClass(name);
        if (k == null) {
            throw new ClassNotFoundException(name + " not found");
        }
        return k;
    }

    private void noteVariables(Class<?> k) {
        if (k.getEnclosingClass() != null || !WRAPPER.matcher(k.getName()).matches()) {
            return;
        }
        for (java.lang.reflect.Field f : k.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
                Class<?> before = variableHolder.put(f.getName(), k);
                if (before != null && before != k) {
                    previousVariableHolder.put(f.getName(), before);
                }
            }
        }
    }

    /** Forgets which classes held variables before: called before each evaluation. */
    void forgetPreviousHolders() {
        previousVariableHolder.clear();
    }

    /**
     * The wrapper class holding variable {@code name} now and the one that held it before, if it was
     * re-wrapped since {@link #forgetPreviousHolders()} ({@code [previous, current]}, either may be null).
     */
    Class<?>[] variableHolders(String name) {
        return new Class<?>[] {previousVariableHolder.get(name), variableHolder.get(name)};
    }

    /** The snippet classes loaded since the last call, oldest first. */
    List<Class<?>> takeRecentlyLoaded() {
        synchronized (recentlyLoaded) {
            List<Class<?>> out = new ArrayList<>(recentlyLoaded);
            recentlyLoaded.clear();
            return out;
        }
    }
}
