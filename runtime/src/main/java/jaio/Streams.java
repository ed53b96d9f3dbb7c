package jaio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A connection's reader and writer (what asyncio's {@code open_connection} returns as a tuple),
 * and asyncio's streams.py functions {@link #openConnection} and {@link #startServer}.
 */
public record Streams(StreamReader reader, StreamWriter writer) {
    /** jaio's default listen backlog; asyncio's is 100. Larger, so a burst of connects never queues. */
    public static final int DEFAULT_BACKLOG = 1024;

    /** Connects to {@code host:port} (asyncio.open_connection). */
    public static Coroutine<Streams> openConnection(String host, int port) {
        return openConnection(host, port, null, null, StreamReader.DEFAULT_LIMIT);
    }

    /** Connects to {@code host:port} with the reader's buffer limit (asyncio's {@code limit=}). */
    public static Coroutine<Streams> openConnection(String host, int port, int limit) {
        return openConnection(host, port, null, null, limit);
    }

    /**
     * Connects with TLS (asyncio's {@code ssl=}): {@link Ssl#defaultContext()} trusts what the
     * JDK trusts; pass a context of your own for a private CA or a self-signed certificate
     * ({@link Ssl#createDefaultContext(java.nio.file.Path)}). The host name is sent as SNI and
     * checked against the certificate; returns once the handshake is done, and raises
     * {@link SSLError} (or {@link SSLCertVerificationError}) naming the host and what failed.
     */
    public static Coroutine<Streams> openConnection(String host, int port, SSLContext ssl) {
        return openConnection(host, port, ssl, null, StreamReader.DEFAULT_LIMIT);
    }

    /** asyncio's {@code ssl=True} / {@code ssl=False}: TLS with {@link Ssl#defaultContext()}, or plain TCP. */
    public static Coroutine<Streams> openConnection(String host, int port, boolean ssl) {
        return openConnection(host, port, ssl ? Ssl.defaultContext() : null, null, StreamReader.DEFAULT_LIMIT);
    }

    /**
     * {@code ssl}: null for plain TCP; {@code serverHostname}: the name to send as SNI and to check
     * the certificate against (asyncio's server_hostname), null for {@code host}.
     */
    public static Coroutine<Streams> openConnection(String host, int port, SSLContext ssl, String serverHostname, int limit) {
        return new Coroutine<>("open_connection", new OpenConnection(host, port, ssl, serverHostname, limit));
    }

    /**
     * {@code open_connection}'s body: a class, not a lambda, as everything the HTTP client runs on
     * its first download batch (see {@code jaio.http.ClientSession}).
     */
    private record OpenConnection(String host, int port, SSLContext ssl, String serverHostname, int limit) implements AsyncCallable<Streams> {
        @Override
        public Streams call() {
            Loop loop = Loop.getRunningLoop();
            InetAddress[] addresses = resolve(loop, host, port);
            RuntimeException last = null;
            for (InetAddress address : addresses) {
                SocketChannel ch = openChannel();
                try {
                    loop.sockConnect(ch, new InetSocketAddress(address, port)).await();
                } catch (RuntimeException | Error e) {
                    closeQuietly(ch);
                    if (e instanceof UncheckedIOException u) {
                        last = u;
                        continue;
                    }
                    throw e;
                }
                if (ssl == null) {
                    return wrap(loop, ch, limit);
                }
                try {
                    return wrapTls(loop, ch, limit, ssl, serverHostname != null ? serverHostname : host, port);
                } catch (RuntimeException | Error e) {
                    closeQuietly(ch);
                    throw e;
                }
            }
            throw last;
        }
    }

    /** TLS over a connected channel: waits for the handshake, checking the certificate against {@code hostname}. */
    private static Streams wrapTls(Loop loop, SocketChannel ch, int limit, SSLContext ssl, String hostname, int port) {
        StreamReader reader = new StreamReader(limit, loop);
        StreamReaderProtocol protocol = new StreamReaderProtocol(loop, reader, null, null);
        SocketTransport transport = new SocketTransport(loop, ch, protocol);
        transport.startReading();
        Transport tls = startTls(loop, transport, protocol, ssl, hostname);
        return new Streams(reader, new StreamWriter(tls, protocol, reader, loop));
    }

    /**
     * Puts a client TLS layer between a plain transport and its protocol and waits for the
     * handshake (asyncio's loop.start_tls); the certificate is checked against {@code hostname},
     * which is also sent as SNI. On failure the connection is aborted.
     */
    static Transport startTls(Loop loop, SocketTransport transport, Protocol app, SSLContext ssl, String hostname) {
        int port = transport.getExtraInfo("peername") instanceof InetSocketAddress a ? a.getPort() : -1;
        SSLEngine engine = ssl.createSSLEngine(hostname, port);
        engine.setUseClientMode(true);
        SSLParameters params = engine.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!isLiteral(hostname) || hostname.equals("localhost")) {
            params.setServerNames(List.of(new SNIHostName(hostname)));
        }
        engine.setSSLParameters(params);
        Future<Void> handshake = loop.createFuture();
        SslProtocol tls = new SslProtocol(loop, engine, app, hostname + ":" + port, handshake);
        transport.setProtocol(tls);
        tls.connectionMade(transport);
        try {
            handshake.await();
        } catch (RuntimeException | Error e) {
            transport.abort();
            throw e;
        }
        return tls.appTransport();
    }

    /** The server side of TLS on an accepted channel: the handler starts once the handshake is done. */
    static Protocol serverTls(Loop loop, SSLContext ssl, SocketChannel ch, Protocol app) {
        SSLEngine engine = ssl.createSSLEngine();
        engine.setUseClientMode(false);
        String peer;
        try {
            peer = String.valueOf(ch.getRemoteAddress());
        } catch (IOException e) {
            peer = "?";
        }
        return new SslProtocol(loop, engine, app, peer, null);
    }

    /** Wraps an already connected non-blocking channel in a reader/writer pair. */
    static Streams wrap(Loop loop, SocketChannel ch, int limit) {
        StreamReader reader = new StreamReader(limit, loop);
        StreamReaderProtocol protocol = new StreamReaderProtocol(loop, reader, null, null);
        SocketTransport transport = new SocketTransport(loop, ch, protocol);
        StreamWriter writer = new StreamWriter(transport, protocol, reader, loop);
        transport.start();
        return new Streams(reader, writer);
    }

    /**
     * Listens on {@code host:port} (0: an ephemeral port) and runs {@code handler} as a new task
     * for each connection (asyncio.start_server). The server accepts as soon as it is created.
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port) {
        return startServer(handler, host, port, DEFAULT_BACKLOG, StreamReader.DEFAULT_LIMIT);
    }

    /** As {@code startServer(handler, host, port)}, with a listen backlog of {@code backlog} (asyncio's {@code backlog=}). */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, int backlog) {
        return startServer(handler, host, port, backlog, StreamReader.DEFAULT_LIMIT);
    }

    /** As {@code startServer(handler, host, port, backlog)}, each reader limited to {@code limit} bytes (asyncio's {@code limit=}). */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, int backlog, int limit) {
        return startServer(handler, host, port, null, backlog, limit);
    }

    /**
     * A TLS server (asyncio's {@code start_server(..., ssl=context)}): {@code ssl} holds the
     * server's key and certificate (a KeyManager); each handler starts once its handshake is done,
     * and a connection whose handshake fails is closed without running the handler.
     */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, SSLContext ssl) {
        return startServer(handler, host, port, ssl, DEFAULT_BACKLOG, StreamReader.DEFAULT_LIMIT);
    }

    /** As {@code startServer(handler, host, port, ssl)}, with a listen backlog and a reader limit (asyncio's {@code backlog=}, {@code limit=}). */
    public static Coroutine<Server> startServer(ConnectionHandler handler, String host, int port, SSLContext ssl, int backlog, int limit) {
        return new Coroutine<>("start_server", () -> {
            Loop loop = Loop.getRunningLoop();
            InetAddress[] addresses = host == null ? new InetAddress[] {InetAddress.getByName("0.0.0.0")} : resolve(loop, host, port);
            List<ServerSocketChannel> sockets = new ArrayList<>();
            try {
                for (InetAddress address : addresses) {
                    ServerSocketChannel ss = ServerSocketChannel.open();
                    sockets.add(ss);
                    ss.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                    ss.configureBlocking(false);
                    try {
                        ss.bind(new InetSocketAddress(address, port), backlog);
                    } catch (IOException e) {
                        throw new UncheckedIOException("error while attempting to bind on address ('"
                                + address.getHostAddress() + "', " + port + "): " + e.getMessage(), e);
                    }
                }
            } catch (IOException | RuntimeException e) {
                sockets.forEach(Streams::closeQuietly);
                throw e;
            }
            Server server = new Server(loop, sockets, handler, limit, backlog, ssl);
            server.startServing();
            return server;
        });
    }

    /** Host name to addresses; a name that is not a literal is resolved off the loop (asyncio's getaddrinfo). */
    static InetAddress[] resolve(Loop loop, String host, int port) {
        try {
            if (isLiteral(host)) {
                return InetAddress.getAllByName(host);
            }
            return loop.runInExecutor(null, () -> InetAddress.getAllByName(host)).await();
        } catch (UnknownHostException e) {
            throw new UncheckedIOException("[Errno -2] Name or service not known: ('" + host + "', " + port + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot resolve ('" + host + "', " + port + "): " + e.getMessage(), e);
        }
    }

    private static boolean isLiteral(String host) {
        if (host.equals("localhost") || host.indexOf(':') >= 0) {
            return true;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c != '.' && (c < '0' || c > '9')) {
                return false;
            }
        }
        return true;
    }

    private static SocketChannel openChannel() {
        try {
            SocketChannel ch = SocketChannel.open();
            ch.configureBlocking(false);
            return ch;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void closeQuietly(java.nio.channels.Channel ch) {
        try {
            ch.close();
        } catch (IOException ignored) {
            // Closing after a failure: the first failure is the one to report.
        }
    }
}
