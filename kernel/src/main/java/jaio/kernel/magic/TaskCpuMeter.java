package jaio.kernel.magic;

import jaio.Async;
import jaio.ContextVar;
import jaio.Loop;
import jaio.Task;
import jaio.kernel.session.UserCodeClock;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * What {@code %time} measures: the wall time of the cell code it runs (awaits included, JShell's
 * compiling excluded), the CPU time of the cell's task while it runs that code, and the CPU time
 * of the tasks that code starts.
 *
 * <p>How: tasks are virtual threads whose only carrier is the loop's thread, and the JVM gives no
 * CPU time for virtual threads; so the meter reads the loop thread's CPU time at the start and end
 * of every task step ({@link Loop.TaskStepListener}) and charges the difference to the task that
 * stepped. The measured task is charged only between {@link UserCodeClock} entering and leaving
 * snippet code. A task is a child when it inherited the meter through the {@link #MEASURING}
 * context variable, as contextvars flow to new tasks in asyncio.
 *
 * <p>{@link #start} gives the loop up once (a {@code sleep(0)}) so that the listener learns the
 * loop's thread before any code is measured.
 *
 * <p>Confinement: the fields are written on the loop's thread between steps and on the measured
 * task during its steps; steps never overlap and each hand-over of the loop is a happens-before
 * edge, so no lock is needed.
 */
final class TaskCpuMeter implements Loop.TaskStepListener, UserCodeClock.Listener {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final ContextVar<TaskCpuMeter> MEASURING = new ContextVar<>("jaio.kernel.magic.time", null);

    /**
     * CPU times in nanoseconds: total and user (system = total - user). The JVM reads user time in
     * clock ticks (10 ms) and total time in nanoseconds, so user is capped at total.
     */
    record Times(long cpuNanos, long userNanos) {
        Times {
            userNanos = Math.min(userNanos, cpuNanos);
        }

        long sysNanos() {
            return Math.max(0, cpuNanos - userNanos);
        }
    }

    private final Loop loop;
    private final Task<?> own;
    private long loopThreadId = -1;
    private boolean inUserCode;
    private long wallMark;
    private long wallNanos;
    private long stepCpu;
    private long stepUser;
    private long ownCpu;
    private long ownUser;
    private long childCpu;
    private long childUser;
    private boolean childStepped;

    private TaskCpuMeter(Loop loop, Task<?> own) {
        this.loop = loop;
        this.own = own;
    }

    /** On the task to measure: starts listening; the code it then runs and the tasks it creates are measured. */
    static TaskCpuMeter start(Loop loop) {
        if (!THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
        TaskCpuMeter m = new TaskCpuMeter(loop, Async.currentTask());
        MEASURING.set(m);
        loop.addTaskStepListener(m);
        Async.await(Async.sleep(0));
        UserCodeClock.listen(m);
        return m;
    }

    /** On the measured task: stops. */
    void stop() {
        UserCodeClock.listen(null);
        loop.removeTaskStepListener(this);
        MEASURING.set(null);
    }

    /** The wall time spent running (not compiling) the code, in seconds. */
    double wallSeconds() {
        return wallNanos / 1e9;
    }

    Times own() {
        return new Times(ownCpu, ownUser);
    }

    Times children() {
        return new Times(childCpu, childUser);
    }

    /** Whether a task the measured code started ran while measuring. */
    boolean childStepped() {
        return childStepped;
    }

    @Override
    public void entering() {
        inUserCode = true;
        wallMark = System.nanoTime();
        mark();
    }

    @Override
    public void leaving() {
        chargeOwn();
        wallNanos += System.nanoTime() - wallMark;
        inUserCode = false;
    }

    @Override
    public void stepStarting(Task<?> task) {
        if (loopThreadId < 0 && !Thread.currentThread().isVirtual()) {
            // An eager task's first step starts on its creator's (virtual) thread: not the loop's.
            loopThreadId = Thread.currentThread().threadId();
        }
        mark();
    }

    @Override
    public void stepEnded(Task<?> task) {
        if (task == own) {
            if (inUserCode) {
                chargeOwn();
            }
        } else if (task.getContext().get(MEASURING) == this) {
            childCpu += cpu() - stepCpu;
            childUser += user() - stepUser;
            childStepped = true;
        }
    }

    private void mark() {
        stepCpu = cpu();
        stepUser = user();
    }

    private void chargeOwn() {
        ownCpu += Math.max(0, cpu() - stepCpu);
        ownUser += Math.max(0, user() - stepUser);
    }

    private long cpu() {
        return loopThreadId < 0 ? 0 : Math.max(0, THREADS.getThreadCpuTime(loopThreadId));
    }

    private long user() {
        return loopThreadId < 0 ? 0 : Math.max(0, THREADS.getThreadUserTime(loopThreadId));
    }
}
