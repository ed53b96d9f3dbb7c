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
 * the cell started keep running. A cell waiting in a seed's {@code runUntilComplete}/{@code runForever}
 * on the kernel loop gets the KeyboardInterrupt out of that call instead, as a script would.
 *
 * <p>Thread: the kernel's control thread; it waits at most the grace period and never for the cell
 * to end. Only user code is ever interrupted: an interrupt inside javac could close its file channels.
 */
final class CellInterrupt {
    static final long GRACE_MILLIS = 10;

    private CellInterrupt() {}

    static void deliver(Cell cell, Loop loop, SessionExecutionControl control) {
        synchronized (cell) {
            cell.interruptRequested = true;
            cell.scriptRunInterrupted = false;
        }
        Task<?> task = cell.task;
        CountDownLatch delivered = new CountDownLatch(1);
        loop.callSoonThreadsafe(() -> {
            if (task != null && interruptScriptRun(cell, task, loop)) {
                // Delivered as a KeyboardInterrupt out of the seed's run call.
            } else if (task != null) {
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
        synchronized (cell) {
            if (!atAwait && !cell.finished && t != null && !cell.scriptRunInterrupted) {
                CellGuard.request(t);
                if (control.isRunningUserCode(t)) {
                    t.interrupt();
                }
            }
        }
    }

    /**
     * On the loop: if the cell waits in the seed's run_until_complete / run_forever on this loop,
     * KeyboardInterrupt comes out of that call, as in a script, and the cell may catch it (S4-11);
     * the cell is then not interrupted any other way (a back-edge request made because the loop
     * was slow to answer is withdrawn). False if the cell is in no such run.
     */
    private static boolean interruptScriptRun(Cell cell, Task<?> task, Loop loop) {
        synchronized (cell) {
            if (!loop.interruptScriptRun(task)) {
                return false;
            }
            cell.interruptRequested = false;
            cell.scriptRunInterrupted = true;
            Thread t = cell.thread;
            if (t != null) {
                CellGuard.clear(t);
            }
            return true;
        }
    }
}
