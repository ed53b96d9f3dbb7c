package jaio.multiprocessing;

import jaio.AsyncRuntimeError;

/**
 * A worker process of a {@link ProcessPool} died or broke the protocol while running a task
 * (Python's {@code concurrent.futures.process.BrokenProcessPool}); the message carries the
 * worker's exit code and its last lines of standard error, the cause the I/O failure.
 */
public class BrokenProcessPool extends AsyncRuntimeError {
    /**
     * A worker process died, so the pool cannot run tasks (Python's {@code
     * concurrent.futures.process.BrokenProcessPool}).
     */
    public BrokenProcessPool(String message, Throwable cause) {
        super(message);
        initCause(cause);
    }
}
