package jaio.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Where the virtual thread of a generator or greenlet body runs while its caller waits for it, so
 * that resuming it ({@code next()}, {@code send()}, {@code switchTo()}) is a synchronous switch.
 *
 * <p>Two kinds:
 * <ul>
 * <li>A platform thread: the caller itself. While it waits
 *     ({@link #waitUntil}) it runs the body's continuation, so the body executes on the caller's
 *     OS thread with no hand-off between OS threads: a switch is a continuation mount.</li>
 * <li>{@link #POOLED}: used when the caller is a virtual thread that no platform carrier of ours
 *     is carrying (a jaio task, a plain virtual thread). A virtual thread cannot carry another one,
 *     so the body runs on a small shared pool of daemon platform threads while the caller parks;
 *     the body unparks the caller when it yields. Pool threads that stay idle for a few seconds
 *     exit, so abandoned bodies never hold a platform thread.</li>
 * </ul>
 *
 * <p>A body that resumes another body (a generator delegating with {@code yieldFrom}, a generator
 * used inside a greenlet) is a virtual thread carried by a platform carrier: the nested body is
 * sent to that same platform thread ({@link #forCurrentThread}), whose wait loop is still running.
 *
 * <p>Invariant: a body's continuation is handed to a carrier only while its owner is being
 * resumed by a caller that waits on that carrier; the waiting caller is the only thread that
 * runs it (platform kind) or it runs on the pool while the caller is parked (pooled kind).
 */
public abstract sealed class Carrier implements Executor permits Carrier.OnPlatformThread, Carrier.Pooled {
    private static final ThreadLocal<OnPlatformThread> PLATFORM = new ThreadLocal<>();
    /** Set on the body threads of generators and greenlets: the carrier running them now. */
    private static final ThreadLocal<Supplier<Carrier>> CARRIED_BY = new ThreadLocal<>();

    /** The pooled carrier: shared daemon platform threads that exit when idle. */
    public static final Carrier POOLED = new Pooled();

    Carrier() {}

    /** The carrier made of the current platform thread (one per thread). */
    private static Carrier ofCurrentPlatformThread() {
        OnPlatformThread c = PLATFORM.get();
        if (c == null) {
            c = new OnPlatformThread(Thread.currentThread());
            PLATFORM.set(c);
        }
        return c;
    }

    /**
     * The carrier for a body resumed from the current thread: the current thread if it is a
     * platform thread; the platform carrier that carries the current body thread, if any; else
     * {@link #POOLED}.
     */
    public static Carrier forCurrentThread() {
        Thread me = Thread.currentThread();
        if (!me.isVirtual()) {
            return ofCurrentPlatformThread();
        }
        Supplier<Carrier> s = CARRIED_BY.get();
        Carrier c = s == null ? null : s.get();
        return c instanceof OnPlatformThread ? c : POOLED;
    }

    /** Platform threads of the pool alive now (abandoned bodies must not keep any). */
    public static int pooledThreadCount() {
        return ((Pooled) POOLED).poolSize();
    }

    /** Called first thing on a body thread: how to find the carrier running it at any moment. */
    public static void registerBodyThread(Supplier<Carrier> carrierNow) {
        CARRIED_BY.set(carrierNow);
    }

    /**
     * Waits on the current thread until {@code done} holds; the body that will make it hold must
     * already be started or unparked (its continuation handed to this carrier).
     */
    public abstract void waitUntil(BooleanSupplier done);

    /** Parks the current thread until {@code done} holds; keeps (but does not spin on) interrupts. */
    public static void parkUntil(BooleanSupplier done, Object blocker) {
        boolean interrupted = false;
        while (!done.getAsBoolean()) {
            LockSupport.park(blocker);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** A platform thread that runs body continuations while it waits for them. */
    static final class OnPlatformThread extends Carrier {
        private final Thread thread;
        private final ConcurrentLinkedQueue<Runnable> continuations = new ConcurrentLinkedQueue<>();

        OnPlatformThread(Thread thread) {
            this.thread = thread;
        }

        @Override
        public void execute(Runnable continuation) {
            continuations.add(continuation);
            if (Thread.currentThread() != thread) {
                // Submitted from elsewhere (a body woken by a timer, say): wake the waiting carrier.
                LockSupport.unpark(thread);
            }
        }

        @Override
        public void waitUntil(BooleanSupplier done) {
            if (Thread.currentThread() != thread) {
                // A body thread mounted on this carrier waits for a nested body: it parks, which
                // returns control to this carrier's wait loop further down the stack.
                parkUntil(done, this);
                return;
            }
            boolean interrupted = false;
            while (!done.getAsBoolean()) {
                Runnable r = continuations.poll();
                if (r != null) {
                    r.run();
                    continue;
                }
                // The body parked outside a switch (Thread.sleep, blocking I/O): wait for the
                // thread that wakes it to hand its continuation over.
                LockSupport.park(this);
                if (Thread.interrupted()) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                thread.interrupt();
            }
        }

        @Override
        public String toString() {
            return "Carrier[" + thread.getName() + "]";
        }
    }

    /** Continuations run on shared daemon platform threads; the waiting caller parks. */
    static final class Pooled extends Carrier {
        private static final AtomicInteger IDS = new AtomicInteger();
        private final ThreadPoolExecutor pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS,
                new SynchronousQueue<>(),
                r -> Thread.ofPlatform().daemon().name("jaio-body-carrier-" + IDS.incrementAndGet()).unstarted(r));

        @Override
        public void execute(Runnable continuation) {
            pool.execute(continuation);
        }

        @Override
        public void waitUntil(BooleanSupplier done) {
            parkUntil(done, this);
        }

        int poolSize() {
            return pool.getPoolSize();
        }

        @Override
        public String toString() {
            return "Carrier[pooled]";
        }
    }
}
