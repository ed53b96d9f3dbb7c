package jaio;

import jaio.internal.StreamAccess;

/** Package {@code jaio}'s side of {@link StreamAccess}, registered by {@link StreamReader}'s static initializer. */
final class StreamAccessImpl implements StreamAccess {
    @Override
    public byte[] read(StreamReader reader, int n) {
        return reader.readNow(n);
    }

    @Override
    public int readInto(StreamReader reader, byte[] dst, int offset, int length) {
        return reader.readInto(dst, offset, length);
    }

    @Override
    public boolean readable(StreamReader reader) {
        return reader.readable();
    }

    @Override
    public byte[] bufferedLine(StreamReader reader) {
        return reader.bufferedLine();
    }
}
