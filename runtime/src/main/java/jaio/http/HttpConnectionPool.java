package jaio.http;

import jaio.AsyncRuntimeError;
import jaio.CancelledError;
import jaio.Future;
import jaio.Loop;
import jaio.Streams;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Keep-alive connections of one {@link ClientSession} (aiohttp's TCPConnector): at most
 * {@code limit} connections in use at once (the rest of the requests wait in FIFO order), idle
 * connections kept per host and port and reused, stale ones (closed by the server) dropped.
 * Loop only.
 */
final class HttpConnectionPool {
    /** One connection and where it goes back to. */
    static final class Connection {
        final String key;
        final Streams streams;
        boolean reused;

        Connection(String key, Streams streams) {
            this.key = key;
            this.streams = streams;
        }

        boolean usable() {
            return !streams.writer().isClosing() && !streams.reader().atEof() && streams.reader().exception() == null;
        }

        void close() {
            try {
                streams.writer().close();
            } catch (AsyncRuntimeError loopClosed) {
                // The session outlived its loop: close the socket itself.
                try {
                    ((java.nio.channels.Channel) streams.writer().getExtraInfo("socket")).close();
                } catch (java.io.IOException ignored) {
                    // Already closed by the peer: nothing left to release.
                }
            }
        }
    }

    private final int limit;
    private int inUse;
    private final ArrayDeque<Future<Void>> waiters = new ArrayDeque<>();
    private final Map<String, ArrayDeque<Connection>> idle = new HashMap<>();
    private boolean closed;

    HttpConnectionPool(int limit) {
        this.limit = limit;
    }

    /** A connection to host:port, reused if one is idle; waits while {@code limit} are in use. */
    Connection acquire(Loop loop, String host, int port) {
        if (closed) {
            throw new AsyncRuntimeError("Session is closed");
        }
        while (limit > 0 && inUse >= limit) {
            Future<Void> w = loop.createFuture();
            waiters.add(w);
            try {
                w.await();
            } catch (CancelledError e) {
                waiters.remove(w);
                if (w.done() && !w.cancelled()) {
                    // We were given a slot we will not use: pass it on.
                    wakeOne();
                }
                throw e;
            }
        }
        inUse++;
        String key = host + ":" + port;
        ArrayDeque<Connection> q = idle.get(key);
        while (q != null && !q.isEmpty()) {
            Connection c = q.pollLast();
            if (c.usable()) {
                c.reused = true;
                return c;
            }
            c.close();
        }
        try {
            return new Connection(key, Streams.openConnection(host, port).await());
        } catch (Throwable t) {
            releaseSlot();
            throw t;
        }
    }

    /** Gives a connection back: kept for reuse if {@code reusable}, closed otherwise. */
    void release(Connection c, boolean reusable) {
        if (reusable && !closed && c.usable()) {
            idle.computeIfAbsent(c.key, k -> new ArrayDeque<>()).add(c);
        } else {
            c.close();
        }
        releaseSlot();
    }

    private void releaseSlot() {
        inUse--;
        wakeOne();
    }

    private void wakeOne() {
        Future<Void> w;
        while ((w = waiters.poll()) != null) {
            if (!w.done()) {
                w.setResult(null);
                return;
            }
        }
    }

    int idleCount() {
        return idle.values().stream().mapToInt(ArrayDeque::size).sum();
    }

    void close() {
        closed = true;
        for (ArrayDeque<Connection> q : idle.values()) {
            q.forEach(Connection::close);
        }
        idle.clear();
    }
}
