package jaio.kernel.wire;

import java.io.IOException;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A platform thread that owns some ZeroMQ sockets and serves them from one blocking selector.
 *
 * <p>Invariants: only the loop thread touches the registered sockets (ZeroMQ sockets are not
 * thread-safe), and the thread is either running a handler or a task, or blocked in
 * {@link Selector#select()}: there is no timed wake-up. Before it blocks, the loop has asked every
 * socket for its events ({@code ZMQ_EVENTS}, which also processes the socket's pending commands) and
 * run the handler of each readable one, so a message that arrived while the loop was busy is never
 * left waiting for a wake-up that already happened. Other threads reach the loop only through
 * {@link #execute}, which appends to a lock-free queue and wakes the selector. Tasks run in the
 * order they were submitted. The
 * sockets are closed by the loop thread itself when it stops.
 *
 * <p>Why not JeroMQ's {@code ZMQ.Poller}: each of its polls builds a map of the selector's keys,
 * makes a non-blocking select before the blocking one, and reports a raw channel readable from the
 * key's readiness of an earlier select, so the loop read its wake-up pipe after every request for
 * nothing. On this kind of machine a system call costs microseconds; those were a quarter of the
 * shell thread's CPU for a kernel_info request.
 */
public final class SocketLoop implements Executor {

    private record Registration(ZMQ.Socket socket, Consumer<ZMQ.Socket> onReadable) {
    }

    private final String name;
    private final ZContext context;
    private final List<Registration> registrations = new ArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Selector selector;
    private volatile boolean stopping;
    private volatile Thread thread;

    public SocketLoop(String name, ZContext context) {
        this.name = name;
        this.context = context;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new IllegalStateException("cannot open the selector of " + name, e);
        }
    }

    /** Registers a socket this loop will own; {@code onReadable} runs on the loop thread. Before {@link #start}. */
    public void register(ZMQ.Socket socket, Consumer<ZMQ.Socket> onReadable) {
        if (thread != null) {
            throw new IllegalStateException(name + " already started");
        }
        registrations.add(new Registration(socket, onReadable));
    }

    public void start() {
        Thread t = new Thread(this::run, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /** True on the loop thread: code there may use the sockets directly. */
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    /** Runs {@code task} on the loop thread, after the tasks submitted before it. Thread-safe. */
    @Override
    public void execute(Runnable task) {
        if (stopping) {
            throw new RejectedExecutionException(name + " is stopped");
        }
        tasks.add(task);
        wake();
    }

    /** Runs {@code task} now if called on the loop thread, else queues it. */
    public void executeOrRun(Runnable task) {
        if (inLoop()) {
            task.run();
        } else {
            execute(task);
        }
    }

    /** Asks the loop to finish its queued tasks, close its sockets and end. Returns at once. */
    public void stop() {
        stopping = true;
        wake();
    }

    public boolean join(Duration timeout) throws InterruptedException {
        Thread t = thread;
        return t == null || t.join(timeout);
    }

    private void wake() {
        if (inLoop()) {
            return; // the loop runs its tasks before it blocks again
        }
        try {
            // A select in progress returns at once, else the next one does. The selector's wake-up
            // is one write to an eventfd, cheap from any thread, a cell's virtual thread too.
            selector.wakeup();
        } catch (ClosedSelectorException e) {
            // The loop already ended and closed its selector: there is nobody left to wake.
        }
    }

    private void run() {
        try {
            for (Registration r : registrations) {
                // The socket's FD is its command mailbox's signal pipe: readable when the I/O thread
                // has told the socket something (a message arrived). Registered once, for good.
                r.socket().getFD().register(selector, SelectionKey.OP_READ);
            }
            int selected = 0;
            while (!stopping) {
                boolean worked = runTasks();
                worked |= serveReadableSockets();
                if (stopping || !tasks.isEmpty()) {
                    continue;
                }
                if (selected > 0 && !worked) {
                    // A socket's signal pipe was readable but the socket had nothing: its writer (the
                    // I/O thread) wrote the byte and was preempted before counting it, so JeroMQ does
                    // not read it yet and every select returns at once. Give the writer the CPU
                    // instead of spinning through this thread's time slice.
                    Thread.yield();
                }
                selected = selector.select();
                selector.selectedKeys().clear();
            }
            runTasks();
        } catch (IOException | RuntimeException e) {
            if (!(e instanceof ClosedSelectorException)) {
                KernelLog.error(name + ": loop ended by an error", e);
            }
        } finally {
            try {
                selector.close();
            } catch (IOException ignored) {
                // closing a selector nobody waits on any more; nothing to recover
            }
            for (Registration r : registrations) {
                context.destroySocket(r.socket());
            }
        }
    }

    /** Runs the handler of every socket with a message waiting, until none has one; true if any ran. */
    private boolean serveReadableSockets() {
        boolean any = false;
        boolean served = true;
        while (served && !stopping) {
            served = false;
            for (Registration r : registrations) {
                if (stopping) {
                    return any;
                }
                int events;
                try {
                    events = r.socket().getEvents();
                } catch (org.zeromq.ZMQException e) {
                    if (stopping) {
                        return any;
                    }
                    throw e;
                }
                if ((events & ZMQ.Poller.POLLIN) == 0) {
                    continue;
                }
                served = true;
                any = true;
                try {
                    r.onReadable().accept(r.socket());
                } catch (RuntimeException e) {
                    // One bad message or handler bug must not end the loop that serves everyone.
                    KernelLog.error(name + ": handler failed", e);
                }
                runTasks(); // what the handler queued for this loop runs before the next socket
            }
        }
        return any;
    }

    /** Runs the queued tasks; true if there was any. */
    private boolean runTasks() {
        boolean any = false;
        Runnable task;
        while ((task = tasks.poll()) != null) {
            any = true;
            try {
                task.run();
            } catch (RuntimeException e) {
                KernelLog.error(name + ": task failed", e);
            }
        }
        return any;
    }
}
