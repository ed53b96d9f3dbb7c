package jaio;

/**
 * A callback scheduled on a loop (asyncio.Handle): returned by {@code callSoon} and friends so the
 * caller can cancel it before it runs.
 */
public class Handle {
    final Runnable callback;
    final Context context;
    final Loop loop;
    boolean cancelled;

    Handle(Runnable callback, Loop loop, Context context) {
        this.callback = callback;
        this.loop = loop;
        this.context = context;
    }

    /** Prevents the callback from running; no effect if it already ran. */
    public void cancel() {
        cancelled = true;
    }

    /** Whether it was cancelled (asyncio's {@code Handle.cancelled}). */
    public boolean cancelled() {
        return cancelled;
    }

    /**
     * Loop only: runs the callback, reporting any exception to the loop's exception handler, except
     * KeyboardInterrupt, which leaves the loop (asyncio's Handle._run re-raises KeyboardInterrupt and
     * SystemExit: that is how Ctrl-C ends run_forever / run_until_complete). On a loop hosting
     * script runs it ends the innermost of those instead of the loop ({@link Loop#allowNestedLoops}).
     */
    void run() {
        try {
            callback.run();
        } catch (Throwable t) {
            if (t instanceof VirtualMachineError vme && !(t instanceof StackOverflowError)) {
                throw vme;
            }
            if (t instanceof KeyboardInterrupt ki) {
                if (loop.interruptScriptRunFromCallback()) {
                    return;
                }
                throw ki;
            }
            if (t instanceof SystemExit exit) {
                throw exit;
            }
            loop.callExceptionHandler(ExceptionContext.of(
                    "Exception in callback " + describe(), t).with("handle", this));
        }
    }

    String describe() {
        return callback.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return "<Handle " + (cancelled ? "cancelled " : "") + describe() + ">";
    }
}
