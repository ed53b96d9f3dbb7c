package jaio;

import java.lang.ref.Cleaner;

/**
 * Remembers a future that finished with an exception nobody has looked at yet, so the loop can say
 * "... exception was never retrieved" (asyncio logs it when the future is collected). jaio reports it
 * when the future is garbage collected, or at the latest when the loop closes, whichever is first.
 *
 * <p>Holds no reference to the future, or the future could never be collected.
 */
final class UnretrievedException implements Runnable {
    private static final Cleaner CLEANER = Cleaner.create(Thread.ofPlatform().daemon().name("jaio-unretrieved-watch").factory());

    private final Loop loop;
    private final Throwable exception;
    private final String futureDescription;
    private final boolean isTask;
    private final Cleaner.Cleanable cleanable;
    private volatile boolean done;

    UnretrievedException(Loop loop, Future<?> future, Throwable exception) {
        this.loop = loop;
        this.exception = exception;
        this.futureDescription = future.toString();
        this.isTask = future instanceof Task<?>;
        this.cleanable = CLEANER.register(future, this);
    }

    /** The exception was looked at: nothing to report. */
    void retrieved() {
        done = true;
        loop.forgetUnretrieved(this);
        cleanable.clean();
    }

    /** Cleaner thread: the future was collected unretrieved. */
    @Override
    public void run() {
        if (done || loop.isClosed()) {
            return;
        }
        try {
            loop.callSoonThreadsafe(this::report);
        } catch (AsyncRuntimeError closedMeanwhile) {
            // The loop closed between the check and the call; close() reported it already.
        }
    }

    /** Loop thread: hands the report to the exception handler, once. */
    void report() {
        report(futureDescription);
    }

    /** Loop thread: the same, with the future itself still at hand (reported when it failed, see Loop.setReportUnobservedFailures). */
    void report(Object future) {
        if (done) {
            return;
        }
        done = true;
        loop.forgetUnretrieved(this);
        cleanable.clean();
        loop.callExceptionHandler(ExceptionContext.of(
                (isTask ? "Task" : "Future") + " exception was never retrieved", exception)
                .with("future", future));
    }
}
