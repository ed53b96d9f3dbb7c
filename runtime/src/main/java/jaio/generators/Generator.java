package jaio.generators;

import jaio.AsyncRuntimeError;
import jaio.Awaitable;
import jaio.Future;
import jaio.StopIteration;
import jaio.TypeError;
import jaio.ValueError;
import jaio.internal.Carrier;
import jaio.internal.LoopCarriedThreads;
import jaio.internal.Rethrow;

import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A Python generator: a function that pauses at each {@code yield} and is resumed by its caller.
 * Made by {@code Generators.generator(y -> ...)}; nothing runs until the first {@link #next()}.
 *
 * <p>The protocol is Python's: {@link #next()} (≡ {@code send(null)}), {@link #send(Object)},
 * {@link #throwIn(Throwable)} (Python's {@code gen.throw}, a reserved word in Java),
 * {@link #close()}, {@link #getState()} ({@code inspect.getgeneratorstate}); the body's return
 * value arrives as {@link StopIteration#value()}; a for-each loop consumes the yielded values.
 *
 * <p>How it runs: the body is stackful, on its own virtual thread, and runs only while a caller is
 * inside {@code next/send/throwIn/close} waiting for it — one of the two runs at a time, so the
 * body sees the caller's effects and vice versa as with a plain call. When the caller is a
 * platform thread, the body's virtual thread is carried by that very thread (a switch is a
 * continuation mount, no OS thread hand-off). When the caller is itself a virtual thread (a jaio
 * task), the body runs on a small pool of carrier threads while the caller is parked.
 *
 * <p>An abandoned generator (never exhausted nor closed) leaves its virtual thread parked at the
 * {@code yield} until the generator is unreachable; it holds no platform thread. Unlike CPython,
 * it is not closed when collected: its {@code finally} blocks do not run. Close generators whose
 * cleanup matters (Python's advice too).
 *
 * <p>Not thread-safe beyond Python's guarantee: resuming a generator that is running (from its own
 * body, or from another thread meanwhile) fails with {@link ValueError} "generator already
 * executing".
 */
public class Generator<T> implements Iterator<T>, Iterable<T> {
    private static final ThreadLocal<Generator<?>> BODY_OF_THIS_THREAD = new ThreadLocal<>();

    private final String name;
    private final GeneratorCallable<T> body;
    /** "generator" or "coroutine": the word Python's messages use for this object. */
    final String kind;
    /** True for generator-based coroutines: {@code yieldFrom(awaitable)} asks the driving task. */
    final boolean drivenByTask;
    private final Yielder<T> yielder = new BodyYielder();

    private final Object stateLock = new Object();
    private volatile GeneratorState state = GeneratorState.GEN_CREATED;

    private Thread thread;
    /** The carrier of the resume in progress (null between resumes). */
    private volatile Carrier carrier;
    /** Continuations submitted between resumes (a stray unpark): run at the next resume. */
    private final ConcurrentLinkedQueue<Runnable> stranded = new ConcurrentLinkedQueue<>();
    private volatile Thread caller;
    /** True while the body holds control; the volatile hand-over point of all fields below. */
    private volatile boolean bodyTurn;

    private Object sent;
    private Throwable thrown;
    private Object yielded;
    private boolean finished;
    private Object returned;
    private Throwable failure;

    /** A value {@link #hasNext()} already took from the body for the next {@link #next()}. */
    private boolean lookahead;
    private T lookaheadValue;

    Generator(String name, GeneratorCallable<T> body, String kind, boolean drivenByTask) {
        this.name = name != null ? name : kind;
        this.body = Objects.requireNonNull(body, "body");
        this.kind = kind;
        this.drivenByTask = drivenByTask;
    }

    /** The name given to {@code generator(name, body)} (Python's {@code __name__}). */
    public String getName() {
        return name;
    }

    /** Python's {@code inspect.getgeneratorstate(gen)}. */
    public GeneratorState getState() {
        return state;
    }

    // ---- the caller's side -------------------------------------------------------------

    /**
     * Python's {@code next(gen)}: resumes the body with null and returns the next value it yields;
     * {@link StopIteration} (with the return value) when it returns, the body's exception if it
     * raises one. Also the {@link Iterator} method.
     */
    @Override
    public T next() {
        if (lookahead) {
            T v = lookaheadValue;
            lookahead = false;
            lookaheadValue = null;
            return v;
        }
        return send(null);
    }

    /**
     * Advances the body to its next {@code yield} if no value is waiting (so that a for-each loop
     * works); the value is returned by the following {@link #next()}. False once it has returned.
     * Exceptions the body raises propagate from here.
     */
    @Override
    public boolean hasNext() {
        if (lookahead) {
            return true;
        }
        if (state == GeneratorState.GEN_CLOSED) {
            return false;
        }
        try {
            lookaheadValue = send(null);
            lookahead = true;
            return true;
        } catch (StopIteration e) {
            return false;
        }
    }

    /** The generator itself, as in Python ({@code iter(gen) is gen}): usable in for-each once. */
    @Override
    public Iterator<T> iterator() {
        return this;
    }

    /**
     * Python's {@code gen.send(value)}: resumes the body, making the paused {@code yield} return
     * {@code value}, and returns the next value it yields. Start a generator with
     * {@code send(null)} (or {@code next()}): a non-null value to a just-started generator is a
     * {@link TypeError}. After the end: {@link StopIteration}.
     */
    public T send(Object value) {
        checkNoLookahead("send()");
        synchronized (stateLock) {
            switch (state) {
                case GEN_RUNNING -> throw alreadyExecuting();
                case GEN_CLOSED -> throw new StopIteration();
                case GEN_CREATED -> {
                    if (value != null) {
                        throw new TypeError("can't send non-None value to a just-started " + kind);
                    }
                }
                case GEN_SUSPENDED -> { }
            }
            state = GeneratorState.GEN_RUNNING;
        }
        return resume(value, null);
    }

    /**
     * Python's {@code gen.throw(exception)}: raises {@code exception} at the paused {@code yield};
     * returns the next value the body yields if it handles it, else the exception (or another)
     * propagates to the caller. On a generator that has not started or has finished, the
     * exception is simply raised here (and the generator is closed).
     */
    public T throwIn(Throwable exception) {
        Objects.requireNonNull(exception, "exception");
        checkNoLookahead("throwIn()");
        synchronized (stateLock) {
            switch (state) {
                case GEN_RUNNING -> throw alreadyExecuting();
                case GEN_CREATED, GEN_CLOSED -> {
                    state = GeneratorState.GEN_CLOSED;
                    throw Rethrow.unchecked(exception);
                }
                case GEN_SUSPENDED -> { }
            }
            state = GeneratorState.GEN_RUNNING;
        }
        return resume(null, exception);
    }

    /**
     * Python's {@code gen.close()}: raises {@link GeneratorExit} at the paused {@code yield}. Quiet
     * if the body lets it propagate or returns; if the body yields again instead,
     * AsyncRuntimeError "generator ignored GeneratorExit" (the generator stays paused there).
     * Another exception from the body propagates. Closing a generator that has not started or
     * has finished only marks it closed.
     */
    public void close() {
        lookahead = false;
        lookaheadValue = null;
        synchronized (stateLock) {
            switch (state) {
                case GEN_RUNNING -> throw alreadyExecuting();
                case GEN_CREATED, GEN_CLOSED -> {
                    state = GeneratorState.GEN_CLOSED;
                    return;
                }
                case GEN_SUSPENDED -> { }
            }
            state = GeneratorState.GEN_RUNNING;
        }
        try {
            resume(null, new GeneratorExit());
        } catch (GeneratorExit | StopIteration e) {
            return;
        }
        throw new AsyncRuntimeError(kind + " ignored GeneratorExit");
    }

    private ValueError alreadyExecuting() {
        return new ValueError(kind + " already executing");
    }

    private void checkNoLookahead(String what) {
        if (lookahead) {
            throw new IllegalStateException("hasNext() already resumed " + this + " and holds the value it yielded; "
                    + "take it with next() before calling " + what);
        }
    }

    /** Hands control to the body (state already GEN_RUNNING) and waits until it yields or ends. */
    @SuppressWarnings("unchecked")
    private T resume(Object value, Throwable exception) {
        boolean started = false;
        try {
            Carrier c = Carrier.forCurrentThread();
            caller = Thread.currentThread();
            sent = value;
            thrown = exception;
            carrier = c;
            bodyTurn = true;
            runStranded(c);
            if (thread == null) {
                thread = LoopCarriedThreads.builder(this::schedule).name("jaio-" + kind + "-" + name).unstarted(this::runBody);
                thread.start();
            } else {
                LockSupport.unpark(thread);
            }
            started = true;
            c.waitUntil(() -> !bodyTurn);
        } finally {
            carrier = null;
            caller = null;
            if (!started) {
                bodyTurn = false;
                state = GeneratorState.GEN_CLOSED;
            }
        }
        if (finished) {
            state = GeneratorState.GEN_CLOSED;
            Throwable f = failure;
            failure = null;
            if (f != null) {
                throw Rethrow.unchecked(f);
            }
            Object r = returned;
            returned = null;
            throw new StopIteration(r);
        }
        Object y = yielded;
        yielded = null;
        state = GeneratorState.GEN_SUSPENDED;
        return (T) y;
    }

    /** The scheduler of the body's virtual thread: the carrier of the current resume. */
    private void schedule(Runnable continuation) {
        Carrier c = carrier;
        if (c != null) {
            c.execute(continuation);
            return;
        }
        stranded.add(continuation);
        c = carrier;
        if (c != null) {
            runStranded(c);
        }
    }

    private void runStranded(Carrier c) {
        Runnable r;
        while ((r = stranded.poll()) != null) {
            c.execute(r);
        }
    }

    // ---- the body's side ---------------------------------------------------------------

    /** The body's virtual thread. */
    private void runBody() {
        BODY_OF_THIS_THREAD.set(this);
        Carrier.registerBodyThread(() -> carrier);
        try {
            returned = body.call(yielder);
        } catch (StopIteration e) {
            // PEP 479: a StopIteration escaping the body would silently end an enclosing loop.
            AsyncRuntimeError err = new AsyncRuntimeError(kind + " raised StopIteration");
            err.initCause(e);
            failure = err;
        } catch (Throwable e) {
            failure = e;
        } finally {
            finished = true;
            handBack();
        }
    }

    /** On the body thread: gives control back to the waiting caller. */
    private void handBack() {
        Thread c = caller;
        bodyTurn = false;
        // The caller is either the carrier running us (the unpark is then a harmless spare
        // permit) or a thread parked until bodyTurn is false.
        LockSupport.unpark(c);
    }

    /** On the body thread: {@code yield value}. */
    private Object yieldValue(Object value) {
        if (BODY_OF_THIS_THREAD.get() != this) {
            throw new AsyncRuntimeError("yield called outside the body of " + this);
        }
        yielded = value;
        handBack();
        Carrier.parkUntil(() -> bodyTurn, this);
        Throwable t = thrown;
        Object s = sent;
        thrown = null;
        sent = null;
        if (t != null) {
            throw Rethrow.unchecked(t);
        }
        return s;
    }

    /** PEP 380: {@code RESULT = yield from sub}, run on the body thread. */
    private Object delegateTo(Generator<?> sub) {
        Object y;
        try {
            y = sub.next();
        } catch (StopIteration e) {
            return e.value();
        }
        while (true) {
            Object s;
            try {
                s = yieldValue(y);
            } catch (GeneratorExit e) {
                sub.close();
                throw e;
            } catch (Throwable e) {
                try {
                    y = sub.throwIn(e);
                } catch (StopIteration stop) {
                    return stop.value();
                }
                continue;
            }
            try {
                y = sub.send(s);
            } catch (StopIteration stop) {
                return stop.value();
            }
        }
    }

    /** {@code yield from} a plain iterator: no send, throw or close to forward. */
    private Object delegateTo(Iterator<?> it) {
        while (it.hasNext()) {
            Object s = yieldValue(it.next());
            if (s != null) {
                throw new TypeError("'" + it.getClass().getSimpleName() + "' object has no attribute 'send' "
                        + "(only None can be sent through yield from a plain iterator)");
            }
        }
        return null;
    }

    private Object delegateTo(Awaitable<?> aw) {
        if (aw instanceof Generator<?> g) {
            return delegateTo(g);
        }
        if (aw instanceof Future<?> f) {
            // Future.__iter__: yield the future while it is pending, then return its result.
            if (!f.done()) {
                yieldValue(drivenByTask ? new GeneratorCoroutine.FutureBlock(f) : f);
                if (!f.done()) {
                    throw new AsyncRuntimeError("await wasn't used with future");
                }
            }
            return f.result();
        }
        if (!drivenByTask) {
            throw new TypeError("cannot 'yield from' a coroutine object in a non-coroutine generator");
        }
        return yieldValue(new GeneratorCoroutine.AwaitRequest(aw));
    }

    private final class BodyYielder implements Yielder<T> {
        @Override
        @SuppressWarnings("unchecked")
        public <S> S yield(T value) {
            return (S) yieldValue(value);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <S> S yield() {
            return (S) yieldValue(null);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R yieldFrom(Generator<? extends T> sub) {
            return (R) delegateTo(sub);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R yieldFrom(GeneratorCoroutine<R> sub) {
            return (R) delegateTo((Generator<?>) sub);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R yieldFrom(Iterable<? extends T> items) {
            Iterator<? extends T> it = items.iterator();
            return (R) (it instanceof Generator<?> g ? delegateTo(g) : delegateTo(it));
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R> R yieldFrom(Awaitable<R> aw) {
            return (R) delegateTo(aw);
        }

        @Override
        public String toString() {
            return "<yielder of " + Generator.this + ">";
        }
    }

    @Override
    public String toString() {
        return "<" + kind + " object " + name + ">";
    }
}
