package jaio.kernel.wire;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One platform daemon thread that does the wire's NIO work for virtual threads: a JeroMQ send writes
 * to its I/O thread's command pipe, an NIO pipe, which a virtual thread does slowly (a cell's task is
 * a virtual thread carried by the kernel loop: its iopub sends took 2-5 ms at p50 where the shell
 * thread's took 0.1 ms, measured with JFR on a loaded machine). A virtual thread appends the work and
 * unparks this thread instead.
 *
 * <p>Invariant: the work runs in the order it was handed over, one piece at a time, on this thread.
 */
final class PlatformHandoff {

    static final PlatformHandoff INSTANCE = new PlatformHandoff();

    private final ConcurrentLinkedQueue<Runnable> work = new ConcurrentLinkedQueue<>();
    private final Thread thread;

    private PlatformHandoff() {
        thread = Thread.ofPlatform().daemon().name("jaio-wire-handoff").unstarted(this::run);
        thread.start();
    }

    /** True if the calling thread should hand its NIO work over rather than do it itself. */
    static boolean shouldHandOff() {
        return Thread.currentThread().isVirtual();
    }

    void execute(Runnable task) {
        work.add(task);
        LockSupport.unpark(thread);
    }

    private void run() {
        while (true) {
            Runnable task = work.poll();
            if (task == null) {
                // An unpark that came after the poll leaves a permit: this park returns at once.
                LockSupport.park(this);
                continue;
            }
            try {
                task.run();
            } catch (Throwable t) {
                // This thread must outlive any failure (even out of memory): every later message
                // of every cell's task goes through it.
                KernelLog.error("wire hand-off: task failed", t);
            }
        }
    }
}
