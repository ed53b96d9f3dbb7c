package jaio;

import java.nio.ByteBuffer;

/**
 * Scratch buffers shared by all transports of one loop: what a socket read lands in, and where
 * TLS wraps outgoing records and unwraps incoming ones. One set per loop instead of one per
 * connection is what lets 10,000 connections cost kilobytes instead of 2.5 GB of 256 KiB buffers.
 *
 * <p>Invariants: a buffer's content is only valid until the caller returns to the loop, so every
 * user copies what it keeps before returning ({@link Protocol#dataReceived} copies, a socket write
 * copies what the socket did not take); uses never nest (each runs from the loop's ready queue, or
 * in a task while the loop waits for it). Loop thread only.
 */
final class IoBuffers {
    private ByteBuffer socketRead;
    private ByteBuffer tlsOut;
    private ByteBuffer tlsIn;

    /** The buffer a socket read goes into, cleared, at least {@code size} bytes. */
    ByteBuffer socketRead(int size) {
        socketRead = atLeast(socketRead, size);
        return socketRead;
    }

    /** Where TLS wraps records to send, cleared, at least {@code size} bytes. */
    ByteBuffer tlsOut(int size) {
        tlsOut = atLeast(tlsOut, size);
        return tlsOut;
    }

    /** Where TLS unwraps received records, cleared, at least {@code size} bytes. */
    ByteBuffer tlsIn(int size) {
        tlsIn = atLeast(tlsIn, size);
        return tlsIn;
    }

    private static ByteBuffer atLeast(ByteBuffer b, int size) {
        return b == null || b.capacity() < size ? ByteBuffer.allocate(size) : b.clear();
    }
}
