package jaio.kernel.session;

import jaio.Loop;
import jaio.Task;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The CPU time of one cell's task and, separately, of the other tasks of that cell, while a
 * {@code %time} measures. Tasks are virtual threads whose only carrier is the loop's thread, and
 * the JVM gives no CPU time for virtual threads; so the meter reads the loop thread's CPU time at
 * the start and end of every task step ({@link Loop.TaskStepListener}) and charges the difference
 * to the task that stepped.
 *
 * <p>Confinement: created, started and stopped on the measured cell's task, and called back on the
 * loop's thread between that task's steps; task steps never overlap, so the fields need no lock.
 */
final class TaskCpuMeter implements Loop.TaskStepListener {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU times in nanoseconds: total and user (system = total - user). */
    record Times(long cpuNanos, long userNanos) {
        long sysNanos() {
            return Math.max(0, cpuNanos - userNanos);
        }
    }

    private final Loop loop;
    private final long loopThreadId;
    private final Cell cell;
    private final Task<?> own;
    private long stepCpu;
    private long stepUser;
    private long ownCpu;
    private long ownUser;
    private long childCpu;
    private long childUser;
    private boolean childStepped;

    private TaskCpuMeter(Loop loop, Thread loopThread, Cell cell) {
        this.loop = loop;
        this.loopThreadId = loopThread.threadId();
        this.cell = cell;
        this.own = cell.task;
    }

    static boolean supported() {
        return THREADS.isThreadCpuTimeSupported();
    }

    /** On the cell's task: starts measuring (the current step counts from now). */
    static TaskCpuMeter start(MagicContext context) {
        TaskCpuMeter m = new TaskCpuMeter(context.loop(), context.loopThread(), context.cell());
        if (!THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        m.markStep();
        context.loop().setTaskStepListener(m);
        return m;
    }

    /** On the cell's task: stops measuring; charges the current step to the cell's own task. */
    void stop() {
        loop.setTaskStepListener(null);
        charge(own);
    }

    Times own() {
        return new Times(ownCpu, ownUser);
    }

    Times children() {
        return new Times(childCpu, childUser);
    }

    /** Whether any other task of the cell ran while measuring. */
    boolean childStepped() {
        return childStepped;
    }

    @Override
    public void stepStarting(Task<?> task) {
        markStep();
    }

    @Override
    public void stepEnded(Task<?> task) {
        charge(task);
    }

    private void markStep() {
        stepCpu = THREADS.getThreadCpuTime(loopThreadId);
        stepUser = THREADS.getThreadUserTime(loopThreadId);
    }

    private void charge(Task<?> task) {
        long cpu = Math.max(0, THREADS.getThreadCpuTime(loopThreadId) - stepCpu);
        long user = Math.max(0, THREADS.getThreadUserTime(loopThreadId) - stepUser);
        if (task == own) {
            ownCpu += cpu;
            ownUser += user;
        } else if (CurrentCell.ofTask(task) == cell) {
            childCpu += cpu;
            childUser += user;
            childStepped = true;
        }
    }
}
