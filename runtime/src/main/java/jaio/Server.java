package jaio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A listening server made by {@link Streams#startServer} (asyncio.Server): accepts connections on
 * the loop and runs the handler as one task per connection.
 *
 * <p>{@link #close()} stops listening (connections already accepted go on);
 * {@link #waitClosed()} then waits until every connection is closed, as in Python 3.12.
 */
public final class Server implements AutoCloseable {
    private final Loop loop;
    private final List<ServerSocketChannel> sockets;
    private final ConnectionHandler handler;
    private final int limit;
    private final int backlog;
    private final SSLContext ssl;
    private boolean serving;
    private boolean closed;
    private int activeCount;
    private final List<Future<Void>> waiters = new ArrayList<>();
    private Future<Void> servingForever;

    Server(Loop loop, List<ServerSocketChannel> sockets, ConnectionHandler handler, int limit, int backlog, SSLContext ssl) {
        this.ssl = ssl;
        this.loop = loop;
        this.sockets = sockets;
        this.handler = handler;
        this.limit = limit;
        this.backlog = backlog;
    }

    /** The loop the server runs on (asyncio's {@code Server.get_loop}). */
    public Loop getLoop() {
        return loop;
    }

    /** The listening channels (empty once closed). */
    public List<ServerSocketChannel> sockets() {
        return closed ? List.of() : List.copyOf(sockets);
    }

    /** The port the first socket listens on (the ephemeral one when started with port 0). */
    public int port() {
        try {
            return ((InetSocketAddress) sockets.get(0).getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether it accepts connections now (asyncio's {@code Server.is_serving}). */
    public boolean isServing() {
        return serving;
    }

    /** Starts accepting (already done by startServer). */
    public void startServing() {
        if (serving || closed) {
            return;
        }
        serving = true;
        for (ServerSocketChannel ss : sockets) {
            loop.addReader(ss, () -> acceptReady(ss));
        }
    }

    /** Accepts up to a backlog's worth of pending connections per readiness, as asyncio does. */
    private void acceptReady(ServerSocketChannel ss) {
        for (int i = 0; i < backlog; i++) {
            SocketChannel conn;
            try {
                conn = ss.accept();
                if (conn == null) {
                    return;
                }
                conn.configureBlocking(false);
            } catch (IOException e) {
                // Out of file descriptors and the like: report it and keep listening, as asyncio does.
                loop.callExceptionHandler(ExceptionContext.of("socket.accept() out of system resource", e)
                        .with("socket", ss));
                return;
            }
            StreamReader reader = new StreamReader(limit, loop);
            StreamReaderProtocol protocol = new StreamReaderProtocol(loop, reader, handler, this);
            new SocketTransport(loop, conn, ssl == null ? protocol : Streams.serverTls(loop, ssl, conn, protocol)).start();
        }
    }

    void attach() {
        activeCount++;
    }

    void detach() {
        activeCount--;
        if (activeCount == 0 && closed) {
            wakeup();
        }
    }

    private void wakeup() {
        for (Future<Void> w : waiters) {
            if (!w.done()) {
                w.setResult(null);
            }
        }
        waiters.clear();
    }

    /** Stops listening and closes the listening sockets; open connections stay open. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        serving = false;
        for (ServerSocketChannel ss : sockets) {
            loop.removeReader(ss);
            Streams.closeQuietly(ss);
        }
        if (servingForever != null && !servingForever.done()) {
            servingForever.cancel();
        }
        if (activeCount == 0) {
            wakeup();
        }
    }

    /** Waits until the server is closed and all its connections are gone. */
    public Coroutine<Void> waitClosed() {
        return new Coroutine<>("Server.wait_closed", () -> {
            if (closed && activeCount == 0) {
                return null;
            }
            Future<Void> w = loop.createFuture();
            waiters.add(w);
            w.await();
            return null;
        });
    }

    /** Accepts until the awaiting task is cancelled, then closes the server (asyncio's serve_forever). */
    public Coroutine<Void> serveForever() {
        return new Coroutine<>("Server.serve_forever", () -> {
            if (servingForever != null) {
                throw new AsyncRuntimeError("server " + this + " is already being awaited on serve_forever()");
            }
            if (closed) {
                throw new AsyncRuntimeError("server " + this + " is closed");
            }
            startServing();
            servingForever = loop.createFuture();
            try {
                servingForever.await();
            } catch (CancelledError e) {
                try {
                    close();
                    waitClosed().await();
                } finally {
                    throw e;
                }
            } finally {
                servingForever = null;
            }
            return null;
        });
    }

    @Override
    public String toString() {
        return "<Server sockets=" + sockets() + ">";
    }
}
