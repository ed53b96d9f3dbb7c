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
 * {@code limit} connections in use at once and at most {@code limitPerHost} to one key (scheme,
 * host, port and proxy); requests beyond wait in FIFO order, and a freed slot goes to the first
 * waiter whose key may use it. Idle connections are kept per key and reused, stale ones (closed
 * by the server) dropped. Loop only.
 *
 * <p>Invariants: {@code inUse} counts acquired connections (and connections being opened) in all,
 * {@code perKey} the same per key; a waiter's future is completed at most once, and a waiter that
 * was handed a slot and is cancelled passes it on.
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

    private record Waiter(String key, Future<Void> future) {}

    private final int limit;
    private final int limitPerHost;
    private int inUse;
    private final Map<String, Integer> perKey = new HashMap<>();
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    private final Map<String, ArrayDeque<Connection>> idle = new HashMap<>();
    private boolean closed;

    /** {@code limit}, {@code limitPerHost}: 0 for no limit. */
    HttpConnectionPool(int limit, int limitPerHost) {
        this.limit = limit;
        this.limitPerHost = limitPerHost;
    }

    /**
     * A connection for {@code key}, reused if one is idle, else made by {@code open}; waits while
     * the limits are reached.
     */
    Connection acquire(Loop loop, String key, java.util.function.Supplier<Streams> open) {
        if (closed) {
            throw new AsyncRuntimeError("Session is closed");
        }
        while (!mayUse(key)) {
            Waiter w = new Waiter(key, loop.createFuture());
            waiters.add(w);
            try {
                w.future().await();
            } catch (CancelledError e) {
                waiters.remove(w);
                if (w.future().done() && !w.future().cancelled()) {
                    // We were given a slot we will not use: pass it on.
                    wakeOne();
                }
                throw e;
            }
        }
        inUse++;
        Integer n = perKey.get(key);
        perKey.put(key, n == null ? 1 : n + 1);
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
            return new Connection(key, open.get());
        } catch (RuntimeException | Error e) {
            releaseSlot(key);
            throw e;
        }
    }

    /** Gives a connection back: kept for reuse if {@code reusable}, closed otherwise. */
    void release(Connection c, boolean reusable) {
        if (reusable && !closed && c.usable()) {
            ArrayDeque<Connection> q = idle.get(c.key);
            if (q == null) {
                q = new ArrayDeque<>();
                idle.put(c.key, q);
            }
            q.add(c);
        } else {
            c.close();
        }
        releaseSlot(c.key);
    }

    private boolean mayUse(String key) {
        return (limit <= 0 || inUse < limit) && (limitPerHost <= 0 || perKey.getOrDefault(key, 0) < limitPerHost);
    }

    private void releaseSlot(String key) {
        inUse--;
        Integer n = perKey.get(key);
        if (n != null && n > 1) {
            perKey.put(key, n - 1);
        } else {
            perKey.remove(key);
        }
        wakeOne();
    }

    private void wakeOne() {
        for (var it = waiters.iterator(); it.hasNext(); ) {
            Waiter w = it.next();
            if (w.future().done()) {
                it.remove();
            } else if (mayUse(w.key())) {
                it.remove();
                w.future().setResult(null);
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
