package jaio;

import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * The application's side of a TLS connection (asyncio's sslproto._SSLProtocolTransport): writes
 * are encrypted by its {@link SslProtocol}, reading and flow control are the socket's.
 * TLS has no half-close, so {@link #canWriteEof()} is false, as in asyncio.
 */
final class SslTransport implements Transport {
    private final SslProtocol ssl;

    SslTransport(SslProtocol ssl) {
        this.ssl = ssl;
    }

    @Override
    public void write(byte[] data, int offset, int length) {
        ssl.write(data, offset, length);
    }

    @Override
    public void writeEof() {
        throw new UnsupportedOperationException("TLS connections do not support half-closes (write_eof): close() the writer instead");
    }

    @Override
    public boolean canWriteEof() {
        return false;
    }

    @Override
    public void close() {
        ssl.close();
    }

    @Override
    public void abort() {
        ssl.socketTransport().abort();
    }

    @Override
    public boolean isClosing() {
        return ssl.isClosing();
    }

    @Override
    public boolean isReading() {
        return ssl.socketTransport().isReading();
    }

    @Override
    public void pauseReading() {
        ssl.socketTransport().pauseReading();
    }

    @Override
    public void resumeReading() {
        ssl.socketTransport().resumeReading();
    }

    @Override
    public long writeBufferSize() {
        return ssl.socketTransport().writeBufferSize() + ssl.pendingBytes();
    }

    @Override
    public void setWriteBufferLimits(int high, int low) {
        ssl.socketTransport().setWriteBufferLimits(high, low);
    }

    /** Besides the socket's keys: "ssl_object" (the SSLEngine), "peercert" (the peer's X509Certificate or null), "cipher", "tls_version". */
    @Override
    public Object getExtraInfo(String name) {
        return switch (name) {
            case "ssl_object" -> ssl.engine();
            case "peercert" -> peerCertificate();
            case "cipher" -> ssl.engine().getSession().getCipherSuite();
            case "tls_version" -> ssl.engine().getSession().getProtocol();
            default -> ssl.socketTransport().getExtraInfo(name);
        };
    }

    private Object peerCertificate() {
        try {
            var chain = ssl.engine().getSession().getPeerCertificates();
            return chain.length > 0 ? chain[0] : null;
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return "<SslTransport " + ssl.peer() + (isClosing() ? " closing" : "") + ">";
    }
}
