package jaio.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.Executor;

/**
 * Builds virtual threads whose continuations run on an executor of our choosing instead of the
 * JDK's shared ForkJoinPool.
 *
 * <p>Why: a jaio task is a virtual thread that must only ever run on its loop's thread, one at a
 * time, and only when the loop decides (asyncio's model). The JDK has exactly that hook, the
 * package-private {@code ThreadBuilders.VirtualThreadBuilder(Executor scheduler)} constructor: the
 * executor receives the thread's continuation every time it becomes runnable. Reaching it needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} on the JVM command line.
 */
public final class LoopCarriedThreads {
    private static final MethodHandle BUILDER_WITH_SCHEDULER;
    private static final Throwable UNAVAILABLE_BECAUSE;

    static {
        MethodHandle mh = null;
        Throwable why = null;
        try {
            Class<?> c = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
            var ctor = c.getDeclaredConstructor(Executor.class);
            ctor.setAccessible(true);
            mh = MethodHandles.lookup().unreflectConstructor(ctor)
                    .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
        } catch (ReflectiveOperationException | RuntimeException e) {
            why = e;
        }
        BUILDER_WITH_SCHEDULER = mh;
        UNAVAILABLE_BECAUSE = why;
    }

    private LoopCarriedThreads() {}

    /** A virtual-thread builder whose threads are scheduled by {@code scheduler}. */
    public static Thread.Builder.OfVirtual builder(Executor scheduler) {
        if (BUILDER_WITH_SCHEDULER == null) {
            throw new IllegalStateException(
                    "jaio needs the JVM option --add-opens=java.base/java.lang=ALL-UNNAMED "
                            + "(it runs each task as a virtual thread carried by the loop's thread); "
                            + "add it to the java command line. Cause: " + UNAVAILABLE_BECAUSE);
        }
        try {
            return (Thread.Builder.OfVirtual) BUILDER_WITH_SCHEDULER.invokeExact(scheduler);
        } catch (Throwable t) {
            throw new IllegalStateException("cannot create a loop-carried virtual thread builder", t);
        }
    }
}
