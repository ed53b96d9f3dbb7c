package jaio;

import jaio.internal.Rethrow;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * A result that will exist later (asyncio.Future): pending, then finished with a result or an
 * exception, or cancelled.
 *
 * <p>Invariants: the state changes at most once, away from PENDING; done callbacks are never
 * called inline but scheduled with {@link Loop#callSoon} in the order they were added, each once.
 * Not thread-safe, like asyncio's: use it from its loop (tasks and callbacks). From other threads,
 * go through {@link Loop#callSoonThreadsafe} or {@link #toCompletableFuture()}.
 */
public class Future<T> implements Awaitable<T> {
    enum State { PENDING, CANCELLED, FINISHED }

    final Loop loop;
    State state = State.PENDING;
    private T result;
    private Throwable exception;
    String cancelMessage;
    CancelledError cancelledError;
    /**
     * The done callbacks in the order added: the first in {@code callback0}, the rest in
     * {@code callbacks} (CPython's C Future does the same: most futures have exactly one callback,
     * the task waiting for them, and a list for it cost 48 bytes per future). Invariant: while
     * {@code callbacks} is non-null, everything in it was added after {@code callback0}.
     */
    private Consumer<? super Future<T>> callback0;
    private List<Consumer<? super Future<T>>> callbacks;
    private UnretrievedException unretrieved;

    /**
     * A pending future on the current event loop (asyncio's {@code Future()}); usually made with
     * {@code loop.createFuture()}.
     */
    public Future() {
        this(Loop.getEventLoopForNewObject());
    }

    /** A pending future on {@code loop} (asyncio's {@code Future(loop=loop)}). */
    public Future(Loop loop) {
        this.loop = Objects.requireNonNull(loop, "loop");
    }

    /** The event loop this future belongs to (asyncio's {@code Future.get_loop}). */
    public Loop getLoop() {
        return loop;
    }

    /** Whether it has a result, an exception, or was cancelled (asyncio's {@code Future.done}). */
    public boolean done() {
        return state != State.PENDING;
    }

    /** Whether it was cancelled (asyncio's {@code Future.cancelled}). */
    public boolean cancelled() {
        return state == State.CANCELLED;
    }

    /** The result; throws the exception it finished with, CancelledError, or InvalidStateError. */
    public T result() {
        switch (state) {
            case CANCELLED -> throw makeCancelledError();
            case PENDING -> throw new InvalidStateError("Result is not ready.");
            default -> { }
        }
        markRetrieved();
        if (exception != null) {
            throw Rethrow.unchecked(exception);
        }
        return result;
    }

    /** The exception it finished with, or null; CancelledError or InvalidStateError otherwise. */
    public Throwable exception() {
        switch (state) {
            case CANCELLED -> throw makeCancelledError();
            case PENDING -> throw new InvalidStateError("Exception is not set.");
            default -> { }
        }
        markRetrieved();
        return exception;
    }

    /**
     * Marks it done with {@code value}, waking whoever awaits it (asyncio's {@code
     * Future.set_result}); InvalidStateError if already done.
     */
    public void setResult(T value) {
        if (state != State.PENDING) {
            throw new InvalidStateError("invalid state: " + state + ": " + this);
        }
        this.result = value;
        this.state = State.FINISHED;
        scheduleCallbacks();
    }

    /**
     * Marks it done with {@code exception}, which awaiting it throws (asyncio's {@code
     * Future.set_exception}); InvalidStateError if already done.
     */
    public void setException(Throwable exception) {
        Objects.requireNonNull(exception, "exception");
        if (state != State.PENDING) {
            throw new InvalidStateError("invalid state: " + state + ": " + this);
        }
        if (exception instanceof StopIteration) {
            // As CPython 3.13: stored as a RuntimeError; refusing it would leave the future pending.
            exception = new AsyncRuntimeError("StopIteration interacts badly with generators and cannot be raised into a Future", exception);
        }
        this.exception = exception;
        this.state = State.FINISHED;
        boolean observed = callback0 != null || callbacks != null;
        scheduleCallbacks();
        UnretrievedException u = loop.trackUnretrieved(this, exception);
        unretrieved = u;
        if (!observed && this instanceof Task<?> && loop.reportsUnobservedFailures()) {
            // Next iteration: code that looks at it right away (t.exception()) still retrieves it first.
            loop.callSoon(() -> u.report(this));
        }
    }

    /**
     * Cancels it: whoever awaits it gets CancelledError (asyncio's {@code Future.cancel}); false if it
     * was already done.
     */
    public boolean cancel() {
        return cancel(null);
    }

    /** Cancels it unless done; schedules the callbacks. Returns whether it was cancelled now. */
    public boolean cancel(String msg) {
        if (state != State.PENDING) {
            return false;
        }
        state = State.CANCELLED;
        cancelMessage = msg;
        scheduleCallbacks();
        return true;
    }

    /** Adds a callback called with this future once done (at once, via callSoon, if already done). */
    public void addDoneCallback(Consumer<? super Future<T>> fn) {
        if (state != State.PENDING) {
            loop.callSoon(new DoneCallback<>(fn, this));
        } else if (callback0 == null && callbacks == null) {
            callback0 = fn;
        } else {
            if (callbacks == null) {
                callbacks = new ArrayList<>(2);
            }
            callbacks.add(fn);
        }
    }

    /** Removes every registration of {@code fn}; returns how many were removed. */
    public int removeDoneCallback(Consumer<? super Future<T>> fn) {
        int removed = 0;
        if (callback0 != null && (callback0 == fn || callback0.equals(fn))) {
            callback0 = null;
            removed++;
        }
        if (callbacks != null) {
            int before = callbacks.size();
            callbacks.removeIf(c -> c == fn || c.equals(fn));
            removed += before - callbacks.size();
        }
        return removed;
    }

    private void scheduleCallbacks() {
        Consumer<? super Future<T>> cb0 = callback0;
        List<Consumer<? super Future<T>>> cbs = callbacks;
        callback0 = null;
        callbacks = null;
        if (cb0 != null) {
            loop.callSoon(new DoneCallback<>(cb0, this));
        }
        if (cbs != null) {
            for (Consumer<? super Future<T>> cb : cbs) {
                loop.callSoon(new DoneCallback<>(cb, this));
            }
        }
    }

    /**
     * A done callback's call, as scheduled on the loop: a class rather than lambdas, whose first
     * runs in a fresh JVM would each spin a hidden class on the first batch of I/O.
     */
    private record DoneCallback<T>(Consumer<? super Future<T>> fn, Future<T> future) implements Runnable {
        @Override
        public void run() {
            fn.accept(future);
        }
    }

    CancelledError makeCancelledError() {
        if (cancelledError != null) {
            return cancelledError;
        }
        return new CancelledError(cancelMessage);
    }

    /** The exception without marking it retrieved (for repr and reports). */
    Throwable exceptionQuietly() {
        return state == State.FINISHED ? exception : null;
    }

    void markRetrieved() {
        if (unretrieved != null) {
            unretrieved.retrieved();
            unretrieved = null;
        }
    }

    /** Waits for it from the current task: {@code await fut}. */
    @Override
    public T await() {
        if (!done()) {
            Task<?> task = Task.currentOrFail("await a Future");
            task.waitFor(this);
        }
        return result();
    }

    /**
     * A CompletableFuture completed when this future is (cancelled → CancellationException).
     * Cancelling the CompletableFuture cancels this future on its loop.
     */
    public CompletableFuture<T> toCompletableFuture() {
        CompletableFuture<T> cf = new CompletableFuture<>() {
            @Override
            public boolean cancel(boolean mayInterruptIfRunning) {
                boolean r = super.cancel(mayInterruptIfRunning);
                if (r) {
                    loop.execute(() -> Future.this.cancel());
                }
                return r;
            }
        };
        Runnable copy = () -> {
            if (cancelled()) {
                cf.cancel(false);
            } else if (exception != null) {
                markRetrieved();
                cf.completeExceptionally(exception);
            } else {
                cf.complete(result);
            }
        };
        Runnable follow = () -> {
            if (done()) {
                copy.run();
            } else {
                addDoneCallback(f -> copy.run());
            }
        };
        if (loop.inLoop()) {
            follow.run();
        } else {
            loop.execute(follow);
        }
        return cf;
    }

    /**
     * A jaio future on {@code loop} that follows {@code cf} (asyncio.wrap_future): completed through
     * {@link Loop#callSoonThreadsafe}, so {@code cf} may complete on any thread. Cancelling the jaio
     * future cancels {@code cf}.
     */
    public static <T> Future<T> wrap(java.util.concurrent.Future<T> cf, Loop loop) {
        return wrap(cf, loop, cf instanceof CompletableFuture<?> ? "a CompletableFuture" : "a java.util.concurrent.Future");
    }

    /** As {@link #wrap(java.util.concurrent.Future, Loop)}; {@code kind} says what a task awaiting it waits for. */
    static <T> Future<T> wrap(java.util.concurrent.Future<T> cf, Loop loop, String kind) {
        Future<T> f = new ForeignFuture<>(loop, kind);
        CompletableFuture<T> source = cf instanceof CompletableFuture<T> c ? c
                : CompletableFuture.supplyAsync(() -> {
                    try {
                        return cf.get();
                    } catch (Exception e) {
                        throw new CompletionException(e);
                    }
                });
        f.addDoneCallback(done -> {
            if (done.cancelled()) {
                cf.cancel(true);
            }
        });
        source.whenComplete((value, error) -> loop.callSoonThreadsafe(() -> {
            if (f.done()) {
                return;
            }
            if (error == null) {
                f.setResult(value);
                return;
            }
            Throwable cause = error;
            while ((cause instanceof CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                    && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof java.util.concurrent.CancellationException) {
                f.cancel();
            } else {
                f.setException(cause);
            }
        }));
        return f;
    }

    String stateName() {
        return switch (state) {
            case PENDING -> "pending";
            case CANCELLED -> "cancelled";
            case FINISHED -> "finished";
        };
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("<Future ").append(stateName());
        if (state == State.FINISHED) {
            if (exception != null) {
                sb.append(" exception=").append(exception);
            } else {
                sb.append(" result=").append(reprResult(result));
            }
        }
        return sb.append('>').toString();
    }

    /**
     * The result as asyncio's repr shows it ({@code reprlib.repr}): None, True/False, a string quoted
     * and cut to 30 characters around "...", anything else by its toString.
     */
    static String reprResult(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        if (!(value instanceof String s)) {
            return String.valueOf(value);
        }
        int maxString = 30;
        String r = quote(s.length() > maxString ? s.substring(0, maxString) : s);
        if (r.length() > maxString) {
            int i = (maxString - 3) / 2;
            int j = maxString - 3 - i;
            r = r.substring(0, i) + "..." + r.substring(r.length() - j);
        }
        return r;
    }

    /** Python's repr of a string: single quotes unless it contains one and no double quote. */
    private static String quote(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c == q) {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.append(q).toString();
    }
}
