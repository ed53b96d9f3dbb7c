package jaio.kernel.session;

import jaio.KeyboardInterrupt;
import jaio.Loop;
import jaio.Task;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Interrupting a running cell (the kernel's interrupt_request, SIGINT): its task is cancelled at
 * its await point; if it does not reach one within {@value #GRACE_MILLIS} ms (a busy loop or a
 * blocking call), its next loop back-edge in cell code throws {@link KeyboardInterrupt} and its
 * thread is interrupted (Thread.sleep, Object.wait, BlockingQueue.take, interruptible I/O). Tasks
 * the cell started keep running.
 *
 * <p>Thread: the kernel's control thread; it waits at most the grace period and never for the cell
 * to end. Only user code is ever interrupted: an interrupt inside javac could close its file channels.
 */
final class CellInterrupt {
    static final long GRACE_MILLIS = 10;

    private CellInterrupt() {}

    static void deliver(Cell cell, Loop loop, SessionExecutionControl control) {
        cell.interruptRequested = true;
        Task<?> task = cell.task;
        CountDownLatch delivered = new CountDownLatch(1);
        loop.callSoonThreadsafe(() -> {
            if (task != null) {
                task.cancel("KeyboardInterrupt");
            }
            delivered.countDown();
        });
        boolean atAwait;
        try {
            atAwait = delivered.await(GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            atAwait = false;
        }
        Thread t = cell.thread;
        if (!atAwait && !cell.finished && t != null) {
            CellGuard.request(t);
            if (control.isRunningUserCode(t)) {
                t.interrupt();
            }
        }
    }
}
