package jaio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * The bodies of the loop's socket coroutines (asyncio's {@code BaseSelectorEventLoop.sock_*}):
 * try the operation at once; if the channel is not ready, register a reader or writer that retries
 * it and completes a future, and await that future. The future's done callback removes the
 * registration, so cancelling the awaiting task leaves nothing behind.
 *
 * <p>I/O failures surface as {@link UncheckedIOException} (Python's OSError); a refused connect as
 * {@link ConnectionRefusedError}, whose message names the address like asyncio's.
 */
final class SocketOps {
    private SocketOps() {}

    static Void connect(Loop loop, SocketChannel sock, SocketAddress address) {
        checkNonBlocking(sock);
        try {
            if (sock.connect(address)) {
                return null;
            }
        } catch (IOException e) {
            throw connectFailed(address, e);
        }
        Future<Void> fut = loop.createFuture();
        ConnectWatch watch = new ConnectWatch(loop, sock, address, fut);
        loop.addWriter(sock, watch);
        fut.addDoneCallback(watch);
        noteWait("connect", sock);
        return fut.await();
    }

    /**
     * {@code sock_connect}'s body. It and {@link ConnectWatch} are classes, not lambdas, as
     * everything the HTTP client runs on its first download batch (see {@code jaio.http.ClientSession}).
     */
    record Connect(Loop loop, SocketChannel sock, SocketAddress address) implements AsyncCallable<Void> {
        @Override
        public Void call() {
            return connect(loop, sock, address);
        }
    }

    /** Completes a pending connect when the socket is writable; once done, unregisters itself. */
    private record ConnectWatch(Loop loop, SocketChannel sock, SocketAddress address, Future<Void> fut)
            implements Runnable, java.util.function.Consumer<Future<Void>> {
        @Override
        public void run() {
            if (fut.done()) {
                return;
            }
            try {
                if (sock.finishConnect()) {
                    fut.setResult(null);
                }
            } catch (IOException e) {
                fut.setException(connectFailed(address, e));
            }
        }

        @Override
        public void accept(Future<Void> f) {
            loop.removeWriter(sock);
        }
    }

    /** asyncio words a failed connect as "[Errno 111] Connect call failed ('127.0.0.1', 1234)". */
    static UncheckedIOException connectFailed(SocketAddress address, IOException cause) {
        String where = address instanceof InetSocketAddress a
                ? "('" + (a.getAddress() != null ? a.getAddress().getHostAddress() : a.getHostString()) + "', " + a.getPort() + ")"
                : String.valueOf(address);
        if (cause instanceof ConnectException) {
            return new ConnectionRefusedError("Connect call failed " + where, cause);
        }
        return new UncheckedIOException("Connect call failed " + where + ": " + cause.getMessage(), cause);
    }

    static byte[] recv(Loop loop, SocketChannel sock, int n) {
        ByteBuffer buf = ByteBuffer.allocate(n);
        int got = recvInto(loop, sock, buf);
        return Arrays.copyOf(buf.array(), got);
    }

    static int recvInto(Loop loop, SocketChannel sock, ByteBuffer buf) {
        checkNonBlocking(sock);
        if (!buf.hasRemaining()) {
            return 0;
        }
        int got = read(sock, buf);
        if (got != 0) {
            return Math.max(got, 0);
        }
        Future<Integer> fut = loop.createFuture();
        loop.addReader(sock, () -> {
            if (fut.done()) {
                return;
            }
            try {
                int r = sock.read(buf);
                if (r != 0) {
                    fut.setResult(Math.max(r, 0));
                }
            } catch (IOException e) {
                fut.setException(new UncheckedIOException(e));
            }
        });
        fut.addDoneCallback(f -> loop.removeReader(sock));
        noteWait("socket readable", sock);
        return fut.await();
    }

    static Void sendall(Loop loop, SocketChannel sock, ByteBuffer data) {
        checkNonBlocking(sock);
        try {
            sock.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!data.hasRemaining()) {
            return null;
        }
        Future<Void> fut = loop.createFuture();
        loop.addWriter(sock, () -> {
            if (fut.done()) {
                return;
            }
            try {
                sock.write(data);
                if (!data.hasRemaining()) {
                    fut.setResult(null);
                }
            } catch (IOException e) {
                fut.setException(new UncheckedIOException(e));
            }
        });
        fut.addDoneCallback(f -> loop.removeWriter(sock));
        noteWait("socket writable", sock);
        return fut.await();
    }

    static SocketChannel accept(Loop loop, ServerSocketChannel server) {
        if (server.isBlocking()) {
            throw new IllegalArgumentException("the channel must be in non-blocking mode: call configureBlocking(false)");
        }
        SocketChannel conn = tryAccept(server);
        if (conn != null) {
            return conn;
        }
        Future<SocketChannel> fut = loop.createFuture();
        loop.addReader(server, () -> {
            if (fut.done()) {
                return;
            }
            try {
                SocketChannel c = tryAccept(server);
                if (c != null) {
                    fut.setResult(c);
                }
            } catch (UncheckedIOException e) {
                fut.setException(e);
            }
        });
        fut.addDoneCallback(f -> loop.removeReader(server));
        noteWait("accept", server);
        return fut.await();
    }

    private static SocketChannel tryAccept(ServerSocketChannel server) {
        try {
            SocketChannel c = server.accept();
            if (c != null) {
                c.configureBlocking(false);
            }
            return c;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int read(SocketChannel sock, ByteBuffer buf) {
        try {
            return sock.read(buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void checkNonBlocking(SocketChannel sock) {
        if (sock.isBlocking()) {
            throw new IllegalArgumentException("the socket must be non-blocking: call configureBlocking(false)");
        }
    }

    /** The current task waits for {@code channel} (see {@link Waiting}). */
    private static void noteWait(String what, java.nio.channels.SelectableChannel channel) {
        Task<?> t = Task.current();
        if (t != null) {
            t.noteWait(what, channel);
        }
    }
}
