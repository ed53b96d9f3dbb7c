package jaio.greenlet;

import jaio.ValueError;
import jaio.internal.Carrier;
import jaio.internal.LoopCarriedThreads;
import jaio.internal.Rethrow;

import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;

/**
 * A greenlet: a symmetric stackful coroutine, as in the {@code greenlet} package. No event loop is
 * involved: control moves only when code calls {@link #switchTo(Object...)} (Python's
 * {@code switch}, a reserved word in Java).
 *
 * <ul>
 * <li>Every thread has a main greenlet ({@link #getCurrent()} there), which is never dead.</li>
 * <li>{@code new Greenlet(run)} creates a greenlet whose parent is the current greenlet; nothing
 *     runs yet. The first {@code switchTo(args)} calls {@code run(args)}; a later one resumes it
 *     where it switched away, and that {@code switchTo} call returns the arguments: none → null
 *     (Python: {@code ()}), one → that object, several → an unmodifiable List (Python: a tuple).</li>
 * <li>When {@code run} returns, the greenlet is dead and its return value is what the parent's
 *     pending {@code switchTo} returns; an exception from {@code run} is raised there instead.
 *     Switching to a dead greenlet goes to its parent (or the parent's parent...).</li>
 * <li>{@link #throwIn(Throwable)} (Python's {@code throw}) switches and raises the exception in it.</li>
 * <li>All greenlets of a thread run on that thread: each is a virtual thread carried by the thread
 *     that owns the main greenlet while it waits in {@code switchTo} (by a small carrier pool when
 *     that thread is itself virtual, e.g. a jaio task), and only the current greenlet runs.
 *     Switching to a greenlet of another thread is a {@link GreenletError}.</li>
 * </ul>
 * A greenlet left suspended for ever keeps a parked virtual thread (no platform thread) until it is
 * unreachable; unlike the C greenlet it is not killed with GreenletExit when collected.
 */
public final class Greenlet {
    private static final ThreadLocal<Greenlet> RUNNING_BODY = new ThreadLocal<>();
    private static final ThreadLocal<Greenlet> MAIN_OF_THREAD = new ThreadLocal<>();

    /** The greenlets of one thread: one of them is active at a time. */
    private static final class Group {
        final Thread root;
        final Thread.Builder.OfVirtual threads;
        /** The carrier running the group's bodies; refreshed each time the root switches away. */
        volatile Carrier carrier;
        volatile Greenlet active;

        Group(Thread root) {
            this.root = root;
            this.threads = LoopCarriedThreads.builder(c -> carrier.execute(c)).name("jaio-greenlet-", 1);
        }
    }

    /** What a switch hands over: a value, or an exception to raise in the greenlet switched to. */
    private record Transfer(Object[] args, Object value, Throwable error) {
        static Transfer ofArgs(Object[] args) {
            Object[] a = args == null ? new Object[] {null} : args.clone();
            Object v = a.length == 0 ? null : a.length == 1 ? a[0] : Collections.unmodifiableList(Arrays.asList(a));
            return new Transfer(a, v, null);
        }

        static Transfer ofValue(Object v) {
            return new Transfer(new Object[] {v}, v, null);
        }

        static Transfer ofError(Throwable e) {
            return new Transfer(new Object[0], null, e);
        }

        Object deliver() {
            if (error != null) {
                throw Rethrow.unchecked(error);
            }
            return value;
        }
    }

    private final Group group;
    private final GreenletFunction run;
    private volatile Greenlet parent;
    private Thread thread;
    private volatile boolean started;
    private volatile boolean dead;
    private Transfer incoming;

    /** A greenlet that will call {@code run} with the first switch's arguments; parent: the current greenlet. */
    public Greenlet(GreenletFunction run) {
        this(run, getCurrent());
    }

    /** A greenlet running a no-argument function (arguments of the first switch are ignored). */
    public Greenlet(Runnable run) {
        this(args -> {
            run.run();
            return null;
        });
    }

    /**
     * A greenlet that runs {@code run} when first switched to, returning to {@code parent} when done
     * (greenlet's {@code greenlet(run, parent)}).
     */
    public Greenlet(Runnable run, Greenlet parent) {
        this(args -> {
            run.run();
            return null;
        }, parent);
    }

    /**
     * A greenlet that calls {@code run} with the arguments of the first switch, returning to {@code
     * parent} when done (greenlet's {@code greenlet(run, parent)}).
     */
    public Greenlet(GreenletFunction run, Greenlet parent) {
        this.run = Objects.requireNonNull(run, "run");
        this.parent = Objects.requireNonNull(parent, "parent");
        this.group = parent.group;
    }

    private Greenlet(Group group) {
        this.group = group;
        this.run = null;
        this.started = true;
    }

    /** The greenlet running now: the current thread's main greenlet outside any greenlet body. */
    public static Greenlet getCurrent() {
        Greenlet g = RUNNING_BODY.get();
        if (g != null) {
            return g;
        }
        g = MAIN_OF_THREAD.get();
        if (g == null) {
            g = new Greenlet(new Group(Thread.currentThread()));
            g.group.active = g;
            MAIN_OF_THREAD.set(g);
        }
        return g;
    }

    /** The greenlet that gets control (and the return value) when this one's run ends; null for a main greenlet. */
    public Greenlet getParent() {
        return parent;
    }

    /** Changes the parent (greenlet's {@code g.parent = p}): same thread only, no cycles. */
    public void setParent(Greenlet newParent) {
        Objects.requireNonNull(newParent, "parent");
        if (newParent.group != group) {
            throw new GreenletError("parent cannot be on a different thread");
        }
        for (Greenlet p = newParent; p != null; p = p.parent) {
            if (p == this) {
                throw new ValueError("cyclic parent chain");
            }
        }
        parent = newParent;
    }

    /** True once {@code run} has returned or raised. A greenlet that never started is not dead. */
    public boolean isDead() {
        return dead;
    }

    /** True once the first switch started it (a main greenlet is always started). */
    public boolean isStarted() {
        return started;
    }

    /** True for a thread's main greenlet. */
    public boolean isMain() {
        return run == null;
    }

    /**
     * Python's {@code g.switch(*args)}: suspends the current greenlet and runs this one (starting
     * {@code run(args)} the first time). Returns when some greenlet switches back to the current
     * one, with what that switch passed (see the class comment).
     */
    @SuppressWarnings("unchecked")
    public <R> R switchTo(Object... args) {
        return (R) switchFromCurrent(Transfer.ofArgs(args));
    }

    /**
     * Python's {@code g.throw(exc)}: switches to this greenlet and raises {@code exception} where it
     * is suspended (a greenlet not yet started dies at once and the exception goes to its parent).
     */
    @SuppressWarnings("unchecked")
    public <R> R throwIn(Throwable exception) {
        return (R) switchFromCurrent(Transfer.ofError(Objects.requireNonNull(exception, "exception")));
    }

    private Object switchFromCurrent(Transfer transfer) {
        Greenlet current = getCurrent();
        if (current.group != group) {
            throw new GreenletError("cannot switch to a different thread");
        }
        Greenlet target = this;
        while (target.dead) {
            target = target.parent;
        }
        if (!target.started && transfer.error() != null) {
            // greenlet: throwing into a greenlet that never ran kills it without running it.
            target.started = true;
            target.dead = true;
            target = target.parent;
            while (target.dead) {
                target = target.parent;
            }
        }
        if (target == current) {
            return transfer.deliver();
        }
        Group g = group;
        if (Thread.currentThread() == g.root) {
            // The root may be a virtual thread carried by a different carrier at each call.
            g.carrier = Carrier.forCurrentThread();
        }
        target.incoming = transfer;
        g.active = target;
        if (!target.started) {
            target.started = true;
            target.thread = g.threads.unstarted(target::runBody);
            target.thread.start();
        } else {
            LockSupport.unpark(target.threadOrRoot());
        }
        g.carrier.waitUntil(() -> g.active == current);
        Transfer in = current.incoming;
        current.incoming = null;
        return in.deliver();
    }

    private Thread threadOrRoot() {
        return run == null ? group.root : thread;
    }

    /** The greenlet's virtual thread: runs {@code run}, then hands its outcome to the parent. */
    private void runBody() {
        RUNNING_BODY.set(this);
        Carrier.registerBodyThread(() -> group.carrier);
        Transfer in = incoming;
        incoming = null;
        Transfer out;
        try {
            if (in.error() != null) {
                throw in.error();
            }
            out = Transfer.ofValue(run.run(in.args()));
        } catch (Throwable e) {
            out = Transfer.ofError(e);
        }
        dead = true;
        Greenlet p = parent;
        while (p.dead) {
            p = p.parent;
        }
        p.incoming = out;
        group.active = p;
        LockSupport.unpark(p.threadOrRoot());
    }

    @Override
    public String toString() {
        String what = isMain() ? "main greenlet" : "greenlet";
        String st = dead ? "dead" : !started ? "pending" : group.active == this ? "current" : "suspended";
        return "<" + what + " " + st + ">";
    }
}
