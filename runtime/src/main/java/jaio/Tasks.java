package jaio;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The functions of asyncio's tasks.py: sleep, gather, wait, wait_for, shield, as_completed,
 * ensure_future. Functions that are coroutines in asyncio return a {@link Coroutine} here, so
 * {@code await(wait(tasks))} and {@code loop.runUntilComplete(wait(tasks))} read as in Python.
 * {@link jaio.Async} re-exports them.
 */
public final class Tasks {
    private Tasks() {}

    // ---- ensure_future ---------------------------------------------------------------------

    /** A future for {@code aw}: itself if it is a future, else a task running it. */
    public static <T> Future<T> ensureFuture(Awaitable<T> aw) {
        return ensureFuture(aw, null);
    }

    /**
     * As {@link #ensureFuture(Awaitable)}, on {@code loop} (asyncio's {@code ensure_future(aw,
     * loop=loop)}).
     */
    @SuppressWarnings("unchecked")
    public static <T> Future<T> ensureFuture(Awaitable<T> aw, Loop loop) {
        if (aw instanceof Future<?> f) {
            if (loop != null && f.loop != loop) {
                throw new IllegalArgumentException("The future belongs to a different loop than the one specified as the loop argument");
            }
            return (Future<T>) f;
        }
        Loop l = loop != null ? loop : Loop.getEventLoop();
        if (aw instanceof Coroutine<T> c) {
            return l.createTask(c);
        }
        return l.createTask(new Coroutine<>("_wrap_awaitable", aw::await));
    }

    // ---- sleep -----------------------------------------------------------------------------

    /** Suspends the current task for {@code delay} seconds; {@code sleep(0)} yields exactly once. */
    public static Coroutine<Void> sleep(double delay) {
        return sleep(delay, null);
    }

    /** As {@link #sleep(double)}, then returns {@code result}. */
    public static <T> Coroutine<T> sleep(double delay, T result) {
        return new Coroutine<>("sleep", () -> sleepNow(delay, result));
    }

    static <T> T sleepNow(double delay, T result) {
        if (delay <= 0) {
            Task.currentOrFail("sleep").yieldOnce();
            return result;
        }
        Task<?> task = Task.currentOrFail("sleep");
        Loop loop = task.getLoop();
        Future<T> f = loop.createFuture();
        TimerHandle h = loop.callLater(delay, () -> {
            if (!f.done()) {
                f.setResult(result);
            }
        });
        task.noteWait("sleep", h);
        try {
            return f.await();
        } finally {
            h.cancel();
        }
    }

    // ---- gather ----------------------------------------------------------------------------

    /** Runs the awaitables concurrently; a future of their results in argument order. */
    @SafeVarargs
    public static <T> Future<List<T>> gather(Awaitable<? extends T>... aws) {
        return gather(Arrays.asList(aws), false);
    }

    /** As {@code gather(aws...)}, for a collection (asyncio's {@code gather(*aws)}). */
    public static <T> Future<List<T>> gather(Collection<? extends Awaitable<? extends T>> aws) {
        return gather(aws, false);
    }

    /**
     * asyncio.gather: with {@code returnExceptions} a child's exception (or CancelledError) takes its
     * place in the result list; without, the first one is the gather's. Cancelling the returned
     * future cancels every child that is not done.
     */
    public static Future<List<Object>> gather(boolean returnExceptions, Awaitable<?>... aws) {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Future<List<Object>> f = (Future) gather(Arrays.asList(aws), returnExceptions);
        return f;
    }

    /**
     * As {@code gather(aws...)}; with {@code returnExceptions} a failure is a result in the list
     * instead of thrown (asyncio's {@code gather(*aws, return_exceptions=True)}).
     */
    @SuppressWarnings("unchecked")
    public static <T> Future<List<T>> gather(Collection<? extends Awaitable<? extends T>> aws, boolean returnExceptions) {
        if (aws.isEmpty()) {
            Future<List<T>> outer = Loop.getEventLoop().createFuture();
            outer.setResult(new ArrayList<>());
            return outer;
        }
        // Sized up front: growing it step by step rehashed every child several times.
        Map<Object, Future<T>> argToFut = new IdentityHashMap<>(aws.size());
        List<Future<T>> children = new ArrayList<>(aws.size());
        List<Future<T>> doneFuts = new ArrayList<>();
        Loop loop = null;
        GatheringFuture<T> outer = new GatheringFuture<>(children, returnExceptions);
        for (Awaitable<? extends T> arg : aws) {
            Future<T> fut = argToFut.get(arg);
            if (fut == null) {
                fut = ensureFuture((Awaitable<T>) arg, loop);
                if (loop == null) {
                    loop = fut.loop;
                }
                argToFut.put(arg, fut);
                if (fut.done()) {
                    doneFuts.add(fut);
                } else {
                    fut.addDoneCallback(outer.childDone);
                }
                outer.nfuts++;
            }
            children.add(fut);
        }
        outer.attach(loop);
        for (Future<T> fut : doneFuts) {
            outer.childDone.accept(fut);
        }
        return outer.future;
    }

    /**
     * The state of one gather: the outer future and its done callback. The outer future is built
     * after the children (it needs their loop), so the callback reaches it through this object.
     */
    private static final class GatheringFuture<T> {
        final List<Future<T>> children;
        final boolean returnExceptions;
        int nfuts;
        int nfinished;
        Outer<T> future;
        /** Each child's done callback; a class, not a method reference spun on the first gather. */
        final Consumer<Future<T>> childDone = new ChildDone();

        GatheringFuture(List<Future<T>> children, boolean returnExceptions) {
            this.children = children;
            this.returnExceptions = returnExceptions;
        }

        void attach(Loop loop) {
            future = new Outer<>(loop, children);
        }

        private final class ChildDone implements Consumer<Future<T>> {
            @Override
            public void accept(Future<T> fut) {
                onChildDone(fut);
            }
        }

        private void onChildDone(Future<T> fut) {
            nfinished++;
            if (future == null || future.done()) {
                if (!fut.cancelled()) {
                    fut.exception();
                }
                return;
            }
            if (!returnExceptions) {
                if (fut.cancelled()) {
                    future.setException(fut.makeCancelledError());
                    return;
                }
                Throwable exc = fut.exception();
                if (exc != null) {
                    future.setException(exc);
                    return;
                }
            }
            if (nfinished == nfuts) {
                List<Object> results = new ArrayList<>(children.size());
                for (Future<T> child : children) {
                    if (child.cancelled()) {
                        results.add(new CancelledError(child.cancelMessage == null ? "" : child.cancelMessage));
                    } else {
                        Throwable exc = child.exception();
                        results.add(exc != null ? exc : child.result());
                    }
                }
                if (future.cancelRequested) {
                    future.setException(fut.makeCancelledError());
                } else {
                    @SuppressWarnings("unchecked")
                    List<T> typed = (List<T>) results;
                    future.setResult(typed);
                }
            }
        }
    }

    /** The future gather returns: cancelling it cancels the children (asyncio's _GatheringFuture). */
    /** Whether {@code f} is the future {@link #gather} returns. */
    static boolean isGather(Future<?> f) {
        return f instanceof Outer<?>;
    }

    /** Whether {@code f} is a gather's future and {@code child} one of the awaitables it gathers. */
    static boolean gathers(Future<?> f, Future<?> child) {
        if (f instanceof Outer<?> o) {
            for (Future<?> c : o.children) {
                if (c == child) {
                    return true;
                }
            }
        }
        return false;
    }

    /** "gather (1 of 3 done)": what a task awaiting a gather waits for. */
    static String describeGather(Future<?> f) {
        Outer<?> o = (Outer<?>) f;
        long done = o.children.stream().filter(Future::done).count();
        return "gather (" + done + " of " + o.children.size() + " done)";
    }

    private static final class Outer<T> extends Future<List<T>> {
        private final List<Future<T>> children;
        boolean cancelRequested;

        Outer(Loop loop, List<Future<T>> children) {
            super(loop);
            this.children = children;
        }

        @Override
        public boolean cancel(String msg) {
            if (done()) {
                return false;
            }
            boolean ret = false;
            for (Future<T> child : children) {
                if (child.cancel(msg)) {
                    ret = true;
                }
            }
            if (ret) {
                cancelRequested = true;
            }
            return ret;
        }
    }

    // ---- wait ------------------------------------------------------------------------------

    /** asyncio.wait with ALL_COMPLETED and no timeout. */
    public static <T> Coroutine<DoneAndPending<T>> wait(Collection<? extends Awaitable<? extends T>> aws) {
        return wait(aws, null, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Waits until all of {@code aws} are done or {@code timeout} seconds passed (null: no limit)
     * (asyncio's {@code wait(aws, timeout=timeout)}).
     */
    public static <T> Coroutine<DoneAndPending<T>> wait(Collection<? extends Awaitable<? extends T>> aws, Double timeout) {
        return wait(aws, timeout, ReturnWhen.ALL_COMPLETED);
    }

    /**
     * Waits until the condition holds or the timeout (seconds, null for none) passes; returns the
     * done and pending futures, and does not cancel the pending ones. Coroutines are wrapped in tasks
     * (asyncio's behaviour up to 3.10, which the seeds use; 3.11 refuses them).
     */
    @SuppressWarnings("unchecked")
    public static <T> Coroutine<DoneAndPending<T>> wait(Collection<? extends Awaitable<? extends T>> aws, Double timeout, ReturnWhen returnWhen) {
        return new Coroutine<>("wait", () -> {
            if (aws.isEmpty()) {
                throw new ValueError("Set of Tasks/Futures is empty.");
            }
            if (returnWhen == null) {
                throw new ValueError("Invalid return_when value: null");
            }
            Loop loop = Loop.getRunningLoop();
            Set<Future<T>> fs = new LinkedHashSet<>();
            for (Awaitable<? extends T> aw : aws) {
                fs.add(ensureFuture((Awaitable<T>) aw, loop));
            }
            return waitInternal(fs, timeout, returnWhen, loop);
        });
    }

    static <T> DoneAndPending<T> waitInternal(Set<Future<T>> fs, Double timeout, ReturnWhen returnWhen, Loop loop) {
        Future<Void> waiter = loop.createFuture();
        TimerHandle[] timeoutHandle = {null};
        if (timeout != null) {
            timeoutHandle[0] = loop.callLater(timeout, () -> {
                if (!waiter.done()) {
                    waiter.setResult(null);
                }
            });
        }
        int[] counter = {fs.size()};
        Consumer<Future<T>> onCompletion = f -> {
            counter[0]--;
            if (counter[0] <= 0 || returnWhen == ReturnWhen.FIRST_COMPLETED
                    || (returnWhen == ReturnWhen.FIRST_EXCEPTION && !f.cancelled() && f.exception() != null)) {
                if (timeoutHandle[0] != null) {
                    timeoutHandle[0].cancel();
                }
                if (!waiter.done()) {
                    waiter.setResult(null);
                }
            }
        };
        for (Future<T> f : fs) {
            f.addDoneCallback(onCompletion);
        }
        try {
            waiter.await();
        } finally {
            if (timeoutHandle[0] != null) {
                timeoutHandle[0].cancel();
            }
            for (Future<T> f : fs) {
                f.removeDoneCallback(onCompletion);
            }
        }
        Set<Future<T>> done = new LinkedHashSet<>();
        Set<Future<T>> pending = new LinkedHashSet<>();
        for (Future<T> f : fs) {
            (f.done() ? done : pending).add(f);
        }
        return new DoneAndPending<>(done, pending);
    }

    // ---- wait_for --------------------------------------------------------------------------

    /**
     * asyncio.wait_for (3.12 and 3.13): awaits {@code aw} with a deadline of {@code timeout} seconds (null for
     * none); on expiry {@code aw} is cancelled and TimeoutError raised.
     */
    public static <T> Coroutine<T> waitFor(Awaitable<T> aw, Double timeout) {
        return new Coroutine<>("wait_for", () -> {
            if (timeout != null && timeout <= 0) {
                Future<T> fut = ensureFuture(aw);
                if (fut.done()) {
                    return fut.result();
                }
                cancelAndWait(fut);
                try {
                    return fut.result();
                } catch (CancelledError e) {
                    throw new TimeoutError(null, e);
                }
            }
            Timeout cm = timeout == null ? Timeout.at(null) : Timeout.after(timeout);
            return cm.call(aw::await);
        });
    }

    private static void cancelAndWait(Future<?> fut) {
        Loop loop = fut.getLoop();
        Future<Void> waiter = loop.createFuture();
        Consumer<Future<?>> release = f -> {
            if (!waiter.done()) {
                waiter.setResult(null);
            }
        };
        fut.addDoneCallback(release);
        try {
            fut.cancel();
            waiter.await();
        } finally {
            fut.removeDoneCallback(release);
        }
    }

    // ---- shield ----------------------------------------------------------------------------

    /**
     * Protects {@code aw} from cancellation: cancelling the returned future (or the task awaiting
     * it) leaves {@code aw} running.
     */
    public static <T> Future<T> shield(Awaitable<T> aw) {
        Future<T> inner = ensureFuture(aw);
        if (inner.done()) {
            return inner;
        }
        Future<T> outer = inner.loop.createFuture();
        Consumer<Future<T>> innerDone = i -> {
            if (outer.cancelled()) {
                if (!i.cancelled()) {
                    i.exception();
                }
                return;
            }
            if (i.cancelled()) {
                outer.cancel();
            } else {
                Throwable exc = i.exception();
                if (exc != null) {
                    outer.setException(exc);
                } else {
                    outer.setResult(i.result());
                }
            }
        };
        inner.addDoneCallback(innerDone);
        outer.addDoneCallback(o -> {
            if (!inner.done()) {
                inner.removeDoneCallback(innerDone);
            }
        });
        return outer;
    }

    // ---- as_completed ----------------------------------------------------------------------

    /** asyncio.as_completed without a timeout. */
    public static <T> Iterable<Coroutine<T>> asCompleted(Collection<? extends Awaitable<? extends T>> aws) {
        return asCompleted(aws, null);
    }

    /**
     * asyncio.as_completed: coroutines to await in turn, each giving the next result in completion
     * order; after {@code timeout} seconds the remaining ones raise TimeoutError.
     */
    @SuppressWarnings("unchecked")
    public static <T> Iterable<Coroutine<T>> asCompleted(Collection<? extends Awaitable<? extends T>> aws, Double timeout) {
        Loop loop = Loop.getEventLoop();
        Set<Future<T>> todo = new LinkedHashSet<>();
        for (Awaitable<? extends T> aw : new LinkedHashSet<>(aws)) {
            todo.add(ensureFuture((Awaitable<T>) aw, loop));
        }
        int count = todo.size();
        ArrayDeque<Object> done = new ArrayDeque<>();
        Future<?>[] getter = {null};
        TimerHandle[] timeoutHandle = {null};
        Object timedOut = new Object();
        Runnable wakeGetter = () -> {
            if (getter[0] != null && !getter[0].done()) {
                getter[0].setResult(null);
            }
        };
        Consumer<Future<T>> onCompletion = new Consumer<>() {
            @Override
            public void accept(Future<T> f) {
                if (todo.isEmpty()) {
                    return;
                }
                todo.remove(f);
                done.add(f);
                wakeGetter.run();
                if (todo.isEmpty() && timeoutHandle[0] != null) {
                    timeoutHandle[0].cancel();
                }
            }
        };
        for (Future<T> f : todo) {
            f.addDoneCallback(onCompletion);
        }
        if (!todo.isEmpty() && timeout != null) {
            timeoutHandle[0] = loop.callLater(timeout, () -> {
                for (Future<T> f : todo) {
                    f.removeDoneCallback(onCompletion);
                    done.add(timedOut);
                }
                todo.clear();
                wakeGetter.run();
            });
        }
        return () -> new Iterator<>() {
            int produced;

            @Override
            public boolean hasNext() {
                return produced < count;
            }

            @Override
            public Coroutine<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                produced++;
                return new Coroutine<>("_wait_for_one", () -> {
                    while (done.isEmpty()) {
                        Future<Void> g = Loop.getRunningLoop().createFuture();
                        getter[0] = g;
                        g.await();
                    }
                    Object f = done.poll();
                    if (f == timedOut) {
                        throw new TimeoutError();
                    }
                    return ((Future<T>) f).result();
                });
            }
        };
    }

    // ---- current and all tasks -------------------------------------------------------------

    /** asyncio.current_task(): the running task, null in a callback; AsyncRuntimeError with no running loop. */
    public static Task<?> currentTask() {
        return Loop.getRunningLoop().currentTaskOnThisThread();
    }

    /** The tasks of the running loop not yet done (asyncio's {@code all_tasks()}). */
    public static Set<Task<?>> allTasks() {
        return Loop.getRunningLoop().allTasks();
    }
}
