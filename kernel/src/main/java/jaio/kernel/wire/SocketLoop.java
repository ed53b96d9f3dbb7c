package jaio.kernel.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Pipe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A platform thread that owns some ZeroMQ sockets and serves them from one blocking poller.
 *
 * <p>Invariants: only the loop thread touches the registered sockets (ZeroMQ sockets are not
 * thread-safe), and the thread is either running a handler or a task, or blocked in
 * {@code poll(-1)}: there is no timed wake-up. Other threads reach the loop only through
 * {@link #execute}, which appends to a lock-free queue and, if no wake-up is pending yet, writes one
 * byte to a {@link Pipe} whose source is registered in the same poller (a virtual thread has the
 * {@link PlatformHandoff} thread write it). Tasks run in the order they
 * were submitted. The sockets are closed by the loop thread itself when it stops.
 */
public final class SocketLoop implements Executor {

    private record Registration(ZMQ.Socket socket, Consumer<ZMQ.Socket> onReadable) {
    }

    private final String name;
    private final ZContext context;
    private final List<Registration> registrations = new ArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final Pipe wakeup;
    private final ByteBuffer wakeupByte = ByteBuffer.allocate(1);
    private volatile boolean stopping;
    private volatile Thread thread;

    public SocketLoop(String name, ZContext context) {
        this.name = name;
        this.context = context;
        try {
            this.wakeup = Pipe.open();
            wakeup.source().configureBlocking(false);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the wake-up pipe of " + name, e);
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
        if (wakeupPending.compareAndSet(false, true)) {
            if (PlatformHandoff.shouldHandOff()) {
                PlatformHandoff.INSTANCE.execute(this::writeWakeup);
            } else {
                writeWakeup();
            }
        }
    }

    private void writeWakeup() {
        try {
            // Only the thread that won the flag writes, so the one-byte write never blocks.
            wakeup.sink().write(ByteBuffer.wrap(new byte[] {1}));
        } catch (java.nio.channels.ClosedChannelException e) {
            // The loop already saw `stopping` and closed its pipe: there is nobody left to wake.
        } catch (IOException e) {
            KernelLog.error(name + ": cannot wake the loop", e);
        }
    }

    private void run() {
        ZMQ.Poller poller = context.createPoller(registrations.size() + 1);
        try {
            int wakeIndex = poller.register(wakeup.source(), ZMQ.Poller.POLLIN);
            int[] indexes = new int[registrations.size()];
            for (int i = 0; i < indexes.length; i++) {
                indexes[i] = poller.register(registrations.get(i).socket(), ZMQ.Poller.POLLIN);
            }
            while (!stopping) {
                if (poller.poll(-1) < 0) {
                    break; // context terminated
                }
                if (poller.pollin(wakeIndex)) {
                    drainWakeup();
                }
                runTasks();
                for (int i = 0; i < indexes.length && !stopping; i++) {
                    if (poller.pollin(indexes[i])) {
                        Registration r = registrations.get(i);
                        try {
                            r.onReadable().accept(r.socket());
                        } catch (RuntimeException e) {
                            // One bad message or handler bug must not end the loop that serves everyone.
                            KernelLog.error(name + ": handler failed", e);
                        }
                    }
                }
            }
            runTasks();
        } catch (RuntimeException e) {
            KernelLog.error(name + ": loop ended by an error", e);
        } finally {
            poller.close();
            for (Registration r : registrations) {
                context.destroySocket(r.socket());
            }
            try {
                wakeup.source().close();
                wakeup.sink().close();
            } catch (IOException ignored) {
                // closing a pipe nobody reads any more; nothing to recover
            }
        }
    }

    private void drainWakeup() {
        // Clear the flag before reading so a producer that enqueues after this point writes a new byte.
        wakeupPending.set(false);
        try {
            while (true) {
                wakeupByte.clear();
                if (wakeup.source().read(wakeupByte) <= 0) {
                    break;
                }
            }
        } catch (IOException e) {
            KernelLog.error(name + ": wake-up pipe failed", e);
        }
    }

    private void runTasks() {
        Runnable task;
        while ((task = tasks.poll()) != null) {
            try {
                task.run();
            } catch (RuntimeException e) {
                KernelLog.error(name + ": task failed", e);
            }
        }
    }
}
