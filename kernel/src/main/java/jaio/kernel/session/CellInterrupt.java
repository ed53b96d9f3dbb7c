package jaio.kernel.session;

import jaio.KeyboardInterrupt;
import jaio.Loop;
import jaio.Task;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Interrupting what holds the kernel loop (the kernel's interrupt_request, SIGINT), usually the running cell: its task is cancelled at
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

    /**
     * Interrupts {@code cell} (null if no cell is running) or, when a background task that never
     * yields holds the loop (the loop does not take the cancellation within the grace time, and the
     * task holding it is not the cell's), that task: it gets the KeyboardInterrupt the same way and
     * fails with it (shown in the cell that started it); the cell waiting for the loop is left alone
     * and runs next, as SIGINT raises KeyboardInterrupt in whatever Python code runs.
     */
    static void deliver(Cell cell, Loop loop, SessionExecutionControl control) {
        // The cell cannot look at its flag while another task holds the loop, so setting it now and
        // withdrawing it below (when a background task is the one to stop) is never seen half-way.
        AtomicBoolean aimedElsewhere = new AtomicBoolean();
        if (cell != null) {
            synchronized (cell) {
                cell.interruptRequested = true;
                cell.scriptRunInterrupted = false;
            }
        }
        Task<?> task = cell == null ? null : cell.task;
        CountDownLatch delivered = new CountDownLatch(1);
        loop.execute(() -> {
            if (task == null || aimedElsewhere.get()) {
                // Nothing of the cell's to stop here.
            } else if (interruptScriptRun(cell, task, loop)) {
                // Delivered as a KeyboardInterrupt out of the seed's run call.
            } else {
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
        if (atAwait) {
            return;
        }
        Thread holder = loop.steppingThread();
        Thread t = cell == null ? null : cell.thread;
        if (holder != null && holder != t) {
            aimedElsewhere.set(true);
            if (cell != null) {
                cell.interruptRequested = false;
            }
            CellGuard.request(holder);
            holder.interrupt();
            return;
        }
        if (cell == null) {
            return;
        }
        synchronized (cell) {
            if (!cell.finished && t != null && !cell.scriptRunInterrupted) {
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
