package jaio;

/**
 * The byte pipe under a stream (asyncio.transports.Transport): a plain socket
 * ({@link SocketTransport}) or TLS over one ({@link SslTransport}). {@link Protocol} is what it
 * talks to. Loop thread only.
 */
interface Transport {
    /** Sends {@code data}: what the socket does not take at once is copied and sent later. */
    void write(byte[] data, int offset, int length);

    /** Shuts the sending side once the buffer is sent. */
    void writeEof();

    /** Whether {@link #writeEof} is possible (not over TLS, as in asyncio). */
    boolean canWriteEof();

    /** Closes after the buffered data is sent; the protocol hears connectionLost(null). */
    void close();

    /** Closes at once, dropping buffered data. */
    void abort();

    boolean isClosing();

    boolean isReading();

    void pauseReading();

    void resumeReading();

    /** Bytes written but not yet sent. */
    long writeBufferSize();

    void setWriteBufferLimits(int high, int low);

    /** asyncio's get_extra_info: "peername", "sockname", "socket", and over TLS "ssl_object", "peercert", "cipher", "tls_version". */
    Object getExtraInfo(String name);
}
