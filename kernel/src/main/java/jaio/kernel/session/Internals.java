package jaio.kernel.session;

import java.lang.reflect.Field;
import java.lang.reflect.Method;

/**
 * Reflective access to the JDK's JShell and javac internals the session relies on ({@link
 * SnippetHistory}, {@link CellCompiler}, {@link DirectRun}): the one place that opens their packages and looks up
 * their members.
 *
 * <p>Why reflection: the kernel compiles with {@code --release}, which forbids exporting a system
 * module's packages at compile time, and JShell's pipeline offers no public hook for the stages it
 * replaces. The packages are opened at run time through {@code java.lang.Module}, which the
 * kernel's {@code --add-opens=java.base/java.lang} allows. Every lookup throws when the JDK's
 * internals differ; callers then keep JShell's public path.
 */
final class Internals {
    private Internals() {}

    /** Opens package {@code pkg} of {@code inModule}'s module to the kernel (idempotent). */
    static void open(Class<?> inModule, String pkg) throws ReflectiveOperationException {
        Module target = inModule.getModule();
        Module kernel = Internals.class.getModule();
        if (!target.isOpen(pkg, kernel)) {
            Method addOpens = Module.class.getDeclaredMethod("implAddOpens", String.class, Module.class);
            addOpens.setAccessible(true);
            addOpens.invoke(target, pkg, kernel);
        }
    }

    /** Field {@code name} declared by {@code owner}, made accessible. */
    static Field field(Class<?> owner, String name) throws NoSuchFieldException {
        Field f = owner.getDeclaredField(name);
        f.setAccessible(true);
        return f;
    }

    /** Method {@code name(params)} declared by {@code owner}, made accessible. */
    static Method method(Class<?> owner, String name, Class<?>... params) throws NoSuchMethodException {
        Method m = owner.getDeclaredMethod(name, params);
        m.setAccessible(true);
        return m;
    }

    /** What a javac task pool's worker does with its task. */
    interface TaskBody {
        Object withTask(com.sun.source.util.JavacTask task) throws Exception;
    }

    /**
     * A {@code JavacTaskPool.Worker} ({@code workerType}: javac's interface, in a package javac does
     * not export, so a proxy) that runs {@code body} with the pool's task.
     */
    static Object javacWorker(Class<?> workerType, TaskBody body) {
        return java.lang.reflect.Proxy.newProxyInstance(workerType.getClassLoader(), new Class<?>[] {workerType}, (proxy, m, args) ->
                switch (m.getName()) {
                    case "withTask" -> body.withTask((com.sun.source.util.JavacTask) args[0]);
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> "javac worker " + body;
                });
    }

    /** Class {@code name}, loaded by the loader of {@code beside} (a class of the same module). */
    static Class<?> type(Class<?> beside, String name) throws ClassNotFoundException {
        return Class.forName(name, false, beside.getClassLoader());
    }
}
