package jaio;

/**
 * What a {@link Transport} tells its user (asyncio's Protocol with its flow-control
 * callbacks). All calls happen on the loop, from callbacks, never from inside a task.
 */
interface Protocol {
    void connectionMade(Transport transport);

    /**
     * {@code data[0, length)} arrived. The array is the loop's shared read buffer: it is only valid
     * during this call, so copy what you keep.
     */
    void dataReceived(byte[] data, int length);

    /** The peer closed its side; return true to keep the transport open for writing (half-close). */
    boolean eofReceived();

    /** The connection is gone: {@code exc} is null for a normal close. */
    void connectionLost(Throwable exc);

    /** The transport's write buffer went above the high-water mark. */
    void pauseWriting();

    /** The transport's write buffer drained to the low-water mark. */
    void resumeWriting();
}
