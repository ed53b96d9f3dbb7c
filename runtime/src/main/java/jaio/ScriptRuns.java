package jaio;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Script-style runs of a loop from one of its own tasks: what lets seed code written as a program
 * ({@code loop = get_event_loop(); loop.run_until_complete(f)}, {@code loop.run_forever()}) run as
 * written in a notebook cell, which is itself a task of the running kernel loop. asyncio refuses
 * this ("This event loop is already running", the wall ipykernel users climb with nest_asyncio);
 * here the loop is already running, so running it "until f is done" is simply waiting for f in the
 * calling task, and running it "forever" is waiting until {@code stop()}. The loop itself never
 * stops: other tasks keep running during the wait, and {@code stop()} ends only the innermost wait.
 *
 * <p>Invariants, and why they hold:
 * <ul>
 * <li>Loop-confined: every method runs on the loop's thread or in one of its tasks (the loop
 *     forwards calls from other threads with callSoonThreadsafe), so no locking is needed.</li>
 * <li>{@code waits} holds one entry per script run in progress, innermost first; an entry leaves
 *     it when its run returns or raises, whatever ended it.</li>
 * <li>{@code stop()} with no run in progress is remembered and makes the next run return after
 *     one iteration, as asyncio's stop() before run_forever() does (S4-11 relies on it to deliver
 *     cancellations).</li>
 * <li>A KeyboardInterrupt (a kernel interrupt, or a callback raising it as Ctrl-C does in a
 *     script) ends the innermost run by raising out of it, and the pending tasks stay pending, as
 *     in a Python script.</li>
 * <li>Script tasks (a notebook's cells, marked by the host) stand for a script's top level, which
 *     asyncio never counts as a task: allTasks() called from one leaves it out.</li>
 * </ul>
 */
final class ScriptRuns {
    /** One run in progress: the task that waits, and the future that ends its wait. */
    private record Run(Task<?> task, Future<Void> wake) {}

    private final Loop loop;
    private final ArrayDeque<Run> waits = new ArrayDeque<>();
    private final Set<Task<?>> scripts = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean stopRequested;

    ScriptRuns(Loop loop) {
        this.loop = loop;
    }

    /** run_until_complete from {@code task}: waits for {@code aw}; fails as asyncio does if stopped first. */
    <T> T runUntilComplete(Task<?> task, Awaitable<T> aw) {
        boolean newTask = !(aw instanceof Future<?>);
        Future<T> f = Tasks.ensureFuture(aw, loop);
        try {
            waitUntilStopped(task, f);
        } catch (KeyboardInterrupt | CancelledError e) {
            if (newTask && f.done() && !f.cancelled()) {
                f.exceptionQuietly();
                f.markRetrieved();
            }
            throw e;
        }
        if (!f.done()) {
            throw new AsyncRuntimeError("Event loop stopped before Future completed.");
        }
        return f.result();
    }

    /** run_forever from {@code task}: waits until {@link #stop()}. */
    void runForever(Task<?> task) {
        waitUntilStopped(task, null);
    }

    private void waitUntilStopped(Task<?> task, Future<?> until) {
        Future<Void> wake = loop.createFuture();
        Consumer<Future<?>> wakeUp = done -> {
            if (!wake.done()) {
                wake.setResult(null);
            }
        };
        if (until != null) {
            until.addDoneCallback(wakeUp);
        }
        if (stopRequested) {
            stopRequested = false;
            // One iteration: what is ready now runs before the wake-up does.
            loop.callSoon(() -> wakeUp.accept(wake));
        }
        Run run = new Run(task, wake);
        waits.push(run);
        try {
            wake.await();
        } catch (KeyboardInterrupt e) {
            // The interrupt is delivered as this exception; a thread interrupt that came with it
            // (a host that also interrupted the thread) must not hit the handler's next blocking call.
            Thread.interrupted();
            throw e;
        } finally {
            waits.remove(run);
            if (until != null) {
                until.removeDoneCallback(wakeUp);
            }
        }
    }

    /** stop(): ends the innermost run, or the next one after one iteration if none is in progress. */
    void stop() {
        Run run = waits.peek();
        if (run == null) {
            stopRequested = true;
        } else if (!run.wake().done()) {
            run.wake().setResult(null);
        }
    }

    /**
     * Raises KeyboardInterrupt out of the innermost run of {@code task} (any task if null).
     * Returns false if there is none: then the caller handles the interrupt its own way.
     */
    boolean interrupt(Task<?> task) {
        for (Iterator<Run> it = waits.iterator(); it.hasNext(); ) {
            Run run = it.next();
            if ((task == null || run.task() == task) && !run.wake().done()) {
                run.wake().setException(new KeyboardInterrupt());
                return true;
            }
        }
        return false;
    }

    /** Marks {@code task} as a script's top level until it is done (see the class comment). */
    void markScript(Task<?> task) {
        if (scripts.add(task)) {
            task.addDoneCallback(t -> scripts.remove(task));
        }
    }

    boolean isScript(Task<?> task) {
        return task != null && scripts.contains(task);
    }
}
