package jaio.http;

import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Undoes a response's Content-Encoding as the body arrives (aiohttp's ZLibDecompressor):
 * {@code gzip} (its header parsed here, then raw deflate) and {@code deflate} (zlib-wrapped, or
 * raw as some servers send it, told apart by the first two bytes, as aiohttp does). Bytes after the
 * end of the compressed stream (a gzip trailer) are ignored.
 */
final class ContentDecoder {
    private final String encoding;
    private final boolean gzip;
    private final ByteArrayOutputStream head = new ByteArrayOutputStream();
    private Inflater inflater;
    private final byte[] out = new byte[64 * 1024];

    private ContentDecoder(String encoding, boolean gzip) {
        this.encoding = encoding;
        this.gzip = gzip;
    }

    /** A decoder for a Content-Encoding header, or null for identity (and codings jaio never asks for). */
    static ContentDecoder of(String contentEncoding) {
        if (contentEncoding == null) {
            return null;
        }
        String e = contentEncoding.trim().toLowerCase();
        return switch (e) {
            case "gzip", "x-gzip" -> new ContentDecoder(e, true);
            case "deflate" -> new ContentDecoder(e, false);
            default -> null;
        };
    }

    /** The decoded bytes for the next piece of the body (possibly none yet). */
    byte[] decode(byte[] data) {
        if (inflater == null) {
            head.writeBytes(data);
            byte[] h = head.toByteArray();
            int skip = gzip ? gzipHeaderLength(h) : (h.length < 2 ? -1 : 0);
            if (skip < 0) {
                return new byte[0];
            }
            inflater = new Inflater(gzip || !isZlibHeader(h));
            data = java.util.Arrays.copyOfRange(h, skip, h.length);
        }
        if (inflater.finished()) {
            return new byte[0];
        }
        inflater.setInput(data);
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        try {
            while (!inflater.finished() && !inflater.needsInput()) {
                int n = inflater.inflate(out);
                decoded.write(out, 0, n);
                if (n == 0 && inflater.needsDictionary()) {
                    throw new DataFormatException("a preset dictionary is needed");
                }
            }
        } catch (DataFormatException e) {
            throw new UncheckedIOException("Can not decode content-encoding: " + encoding + " (" + e.getMessage() + ")",
                    new java.io.IOException(e));
        }
        return decoded.toByteArray();
    }

    /** Checks, at the end of the body, that the compressed stream was complete. */
    void finish() {
        if (inflater == null ? head.size() > 0 : !inflater.finished()) {
            throw new UncheckedIOException("Can not decode content-encoding: " + encoding + ": the compressed body ends early",
                    new java.io.EOFException());
        }
    }

    private static boolean isZlibHeader(byte[] h) {
        int cmf = h[0] & 0xff;
        int flg = h[1] & 0xff;
        return (cmf & 0x0f) == 8 && ((cmf << 8) | flg) % 31 == 0;
    }

    /** RFC 1952's member header length, -1 while incomplete. */
    private int gzipHeaderLength(byte[] h) {
        if (h.length < 10) {
            return -1;
        }
        if ((h[0] & 0xff) != 0x1f || (h[1] & 0xff) != 0x8b || h[2] != 8) {
            throw new UncheckedIOException("Can not decode content-encoding: " + encoding + ": not a gzip stream",
                    new java.io.IOException("bad gzip magic"));
        }
        int flags = h[3];
        int i = 10;
        if ((flags & 4) != 0) {
            if (h.length < i + 2) {
                return -1;
            }
            i += 2 + ((h[i] & 0xff) | (h[i + 1] & 0xff) << 8);
        }
        for (int bit : new int[] {8, 16}) {
            if ((flags & bit) != 0) {
                while (i < h.length && h[i] != 0) {
                    i++;
                }
                if (i >= h.length) {
                    return -1;
                }
                i++;
            }
        }
        if ((flags & 2) != 0) {
            i += 2;
        }
        return i <= h.length ? i : -1;
    }
}
