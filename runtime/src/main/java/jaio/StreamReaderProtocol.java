package jaio;

import java.io.UncheckedIOException;
import java.net.SocketException;
import java.util.ArrayDeque;

/**
 * Connects a {@link Transport} to a {@link StreamReader} and {@link StreamWriter}
 * (asyncio's StreamReaderProtocol with FlowControlMixin): received data goes to the reader, the
 * transport's pause/resume-writing gate the writer's {@code drain()}, and on the server side the
 * connection handler is started as a task once connected.
 */
final class StreamReaderProtocol implements Protocol {
    private final Loop loop;
    private final StreamReader reader;
    private final ConnectionHandler handler;
    private final Server server;
    private StreamWriter writer;
    private Transport transport;
    private final Future<Void> closed;
    private boolean paused;
    private boolean lost;
    private final ArrayDeque<Future<Void>> drainWaiters = new ArrayDeque<>();

    StreamReaderProtocol(Loop loop, StreamReader reader, ConnectionHandler handler, Server server) {
        this.loop = loop;
        this.reader = reader;
        this.handler = handler;
        this.server = server;
        this.closed = loop.createFuture();
    }

    @Override
    public void connectionMade(Transport t) {
        this.transport = t;
        reader.setTransport(t);
        if (handler != null) {
            writer = new StreamWriter(t, this, reader, loop);
            server.attach();
            Task<Void> task = loop.createTask(new Coroutine<>("client_connected_cb", () -> {
                handler.handle(reader, writer);
                return null;
            }));
            task.addDoneCallback(f -> {
                if (f.cancelled()) {
                    t.close();
                    return;
                }
                Throwable exc = f.exception();
                if (exc != null) {
                    loop.callExceptionHandler(ExceptionContext.of("Unhandled exception in client_connected_cb", exc)
                            .with("transport", t));
                    t.close();
                }
            });
        }
    }

    StreamWriter writer() {
        return writer;
    }

    @Override
    public void dataReceived(byte[] data, int length) {
        reader.feedData(data, length);
    }

    @Override
    public boolean eofReceived() {
        reader.feedEof();
        return true;
    }

    @Override
    public void connectionLost(Throwable exc) {
        if (exc == null) {
            reader.feedEof();
        } else {
            reader.setException(exc);
        }
        if (!closed.done()) {
            if (exc == null) {
                closed.setResult(null);
            } else {
                closed.setException(exc);
                closed.markRetrieved();
            }
        }
        lost = true;
        Future<Void> w;
        while ((w = drainWaiters.poll()) != null) {
            if (!w.done()) {
                if (exc == null) {
                    w.setResult(null);
                } else {
                    w.setException(exc);
                }
            }
        }
        if (server != null && handler != null) {
            server.detach();
        }
    }

    @Override
    public void pauseWriting() {
        paused = true;
    }

    @Override
    public void resumeWriting() {
        paused = false;
        Future<Void> w;
        while ((w = drainWaiters.poll()) != null) {
            if (!w.done()) {
                w.setResult(null);
            }
        }
    }

    /** Suspends while the transport's buffer is above its high-water mark (asyncio's _drain_helper). */
    void drainHelper() {
        if (lost) {
            throw new UncheckedIOException("Connection lost", new SocketException("Connection lost"));
        }
        if (!paused) {
            return;
        }
        Future<Void> w = loop.createFuture();
        drainWaiters.add(w);
        try {
            w.await();
        } finally {
            drainWaiters.remove(w);
        }
    }

    Future<Void> closedFuture() {
        return closed;
    }
}
