package jaio.kernel.protocol;

import jaio.kernel.language.LanguageSession;
import jaio.kernel.protocol.comm.CommManager;
import jaio.kernel.protocol.comm.CommsOfKernel;
import jaio.kernel.protocol.history.HistoryStore;
import jaio.kernel.wire.ConnectionInfo;
import jaio.kernel.wire.Heartbeat;
import jaio.kernel.wire.IopubPublisher;
import jaio.kernel.wire.KernelLog;
import jaio.kernel.wire.KernelSockets;
import jaio.kernel.wire.MessageSigner;
import jaio.kernel.wire.SocketLoop;
import jaio.kernel.wire.WireCodec;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running kernel: the sockets of one connection file, the threads serving them, and the session.
 *
 * <p>Threads: the shell loop (shell and stdin sockets, execute queue), the control loop (so interrupt
 * and shutdown are answered while a cell runs), the heartbeat loop; iopub is shared under a lock.
 * Start one with {@link #builder}; it runs until a shutdown_request, {@link #stop}, or the death of the
 * watched parent process, and {@link #terminated()} completes when every socket is closed.
 */
public final class Kernel {

    private static final Duration JOIN_TIMEOUT = Duration.ofSeconds(2);

    private final KernelSockets sockets;
    private final LanguageSession session;
    private final KernelServices services;
    private final IopubPublisher publisher;
    private final List<SocketLoop> loops;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final CompletableFuture<Boolean> terminated = new CompletableFuture<>();

    private Kernel(Builder b) {
        ConnectionInfo info = b.info;
        WireCodec codec = new WireCodec(MessageSigner.of(info.signatureScheme(), info.key()));
        MessageFactory messages = MessageFactory.forNewKernel();
        sockets = KernelSockets.bind(info);
        try {
            publisher = new IopubPublisher(sockets.context(), sockets.iopub(), codec);
            Iopub iopub = new Iopub(publisher, messages);
            CommManager comms = new CommManager(iopub);
            services = new KernelServices(info, comms, b.history, iopub);
            session = Objects.requireNonNull(b.sessionFactory.create(new jaio.kernel.language.KernelServices(
                    new CommsOfKernel(comms), b.history)), "the session factory returned null");

            SocketLoop shellLoop = new SocketLoop("jaio-shell", sockets.context());
            SocketLoop controlLoop = new SocketLoop("jaio-control", sockets.context());
            Heartbeat heartbeat = new Heartbeat(sockets.context(), sockets.heartbeat());

            StdinChannel stdin = new StdinChannel(shellLoop, sockets.stdin(), codec, messages);
            Dispatcher shell = new Dispatcher("shell");
            RequestServer shellServer = new RequestServer(
                    new ReplyChannel("shell", shellLoop, sockets.shell(), codec), codec, shell, iopub, messages);
            ShutdownHandler shutdown = new ShutdownHandler(iopub, this::stop);
            RequestHandler kernelInfo = new KernelInfoHandler(session);
            InterruptCount interrupts = new InterruptCount();
            shell.on("execute_request", new ExecuteQueue(session, iopub, b.history, stdin, shellLoop,
                            () -> shellServer.onReadable(sockets.shell()), interrupts))
                    .on("kernel_info_request", kernelInfo)
                    .on("complete_request", new CompleteHandler(session))
                    .on("inspect_request", new InspectHandler(session))
                    .on("is_complete_request", new IsCompleteHandler(session))
                    .on("history_request", new HistoryHandler(b.history))
                    .on("comm_info_request", new CommInfoHandler(comms))
                    .on("comm_open", new CommOpenHandler(comms))
                    .on("comm_msg", new CommMsgHandler(comms))
                    .on("comm_close", new CommCloseHandler(comms))
                    // Old clients send shutdown on shell; answering there too costs nothing.
                    .on("shutdown_request", shutdown);
            Dispatcher control = new Dispatcher("control")
                    .on("shutdown_request", shutdown)
                    .on("interrupt_request", new InterruptHandler(session, stdin, interrupts))
                    .on("kernel_info_request", kernelInfo);
            RequestServer controlServer = new RequestServer(
                    new ReplyChannel("control", controlLoop, sockets.control(), codec), codec, control, iopub, messages);

            shellLoop.register(sockets.shell(), shellServer::onReadable);
            shellLoop.register(sockets.stdin(), stdin::onReadable);
            controlLoop.register(sockets.control(), controlServer::onReadable);
            loops = List.of(shellLoop, controlLoop, heartbeat.loop());
        } catch (RuntimeException e) {
            sockets.close();
            throw e;
        }
    }

    public static Builder builder(ConnectionInfo info) {
        return new Builder(info);
    }

    private Kernel start(Long parentPid) {
        loops.forEach(SocketLoop::start);
        services.iopub().status(new com.google.gson.JsonObject(), "starting");
        if (parentPid != null) {
            ParentProcessWatch.watch(parentPid, () -> stop(false));
        }
        return this;
    }

    public LanguageSession session() {
        return session;
    }

    public KernelServices services() {
        return services;
    }

    /**
     * Stops the kernel: tells the session, closes every socket, then completes {@link #terminated()}.
     * Returns at once (it may be called from a kernel thread, which cannot wait for itself); idempotent.
     */
    public void stop(boolean restart) {
        if (!stopping.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> shutDown(restart), "jaio-stop");
        t.setDaemon(true);
        t.start();
    }

    /** Completes with the {@code restart} flag of the shutdown once the kernel has closed all its sockets. */
    public CompletableFuture<Boolean> terminated() {
        return terminated.copy();
    }

    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        try {
            terminated.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return true;
        }
    }

    private void shutDown(boolean restart) {
        try {
            try {
                session.shutdown(restart);
            } catch (RuntimeException e) {
                KernelLog.error("session.shutdown failed", e);
            }
            loops.forEach(SocketLoop::stop);
            for (SocketLoop loop : loops) {
                if (!loop.join(JOIN_TIMEOUT)) {
                    KernelLog.warn("a socket loop did not stop within " + JOIN_TIMEOUT);
                }
            }
            publisher.close();
            sockets.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            KernelLog.error("error while shutting down", e);
        } finally {
            terminated.complete(restart);
        }
    }

    /** Configures and starts a {@link Kernel}. */
    public static final class Builder {

        private final ConnectionInfo info;
        private SessionFactory sessionFactory;
        private HistoryStore history = HistoryStore.none();
        private Long parentPid;

        private Builder(ConnectionInfo info) {
            this.info = Objects.requireNonNull(info);
        }

        /** The language session, made once the kernel's services exist. Required. */
        public Builder session(SessionFactory factory) {
            this.sessionFactory = factory;
            return this;
        }

        /** Where history_request reads and executed cells are stored (default: nothing is kept). */
        public Builder history(HistoryStore store) {
            this.history = Objects.requireNonNull(store);
            return this;
        }

        /** Stop when this process ends (the frontend's {@code JPY_PARENT_PID}). */
        public Builder watchParent(long pid) {
            this.parentPid = pid;
            return this;
        }

        /** Binds the sockets and starts serving; fails if a port cannot be bound. */
        public Kernel start() {
            if (sessionFactory == null) {
                throw new IllegalStateException("no session: call session(...) before start()");
            }
            return new Kernel(this).start(parentPid);
        }
    }
}
