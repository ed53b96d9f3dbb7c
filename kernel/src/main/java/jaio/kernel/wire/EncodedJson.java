package jaio.kernel.wire;

import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JSON objects whose UTF-8 bytes are already known, so the codec does not serialize them again: the
 * header of each request as it arrived, which is the parent header of every message the request
 * causes (busy, the reply, the cell's outputs, idle), and the constant contents the kernel sends
 * over and over (status busy and idle, kernel_info's reply).
 *
 * <p>Invariants: objects are found by identity, and an object given here is never changed afterwards
 * (a decoded message's parts are read-only; a constant is built once). Thread-safe without locks:
 * every slot holds an immutable entry, so a thread that does not see another thread's latest entry
 * just encodes the object itself. Memory stays flat: a few recent headers and the constants.
 */
public final class EncodedJson {

    private record Entry(JsonObject json, byte[] utf8) {
    }

    private static final int RECENT = 8; // a power of two: the slot index is a mask
    private static final Entry[] RECENT_HEADERS = new Entry[RECENT];
    private static final AtomicInteger NEXT_SLOT = new AtomicInteger();
    private static volatile Entry[] constants = new Entry[0];

    private EncodedJson() {
    }

    /**
     * Declares {@code json} constant (never to be changed again) and returns the object to send:
     * messages that carry it are sent with the bytes encoded here, once. For the handful of contents
     * that do not vary; a constant equal to one declared before (another kernel in this JVM) gives
     * back the first object, so the table holds each distinct constant once.
     */
    public static synchronized JsonObject constant(JsonObject json) {
        byte[] utf8 = json.toString().getBytes(StandardCharsets.UTF_8);
        Entry[] now = constants;
        for (Entry e : now) {
            if (Arrays.equals(e.utf8(), utf8)) {
                return e.json();
            }
        }
        Entry[] more = Arrays.copyOf(now, now.length + 1);
        more[now.length] = new Entry(json, utf8);
        constants = more;
        return json;
    }

    /** Remembers the bytes a received part (a request's header) arrived as. */
    static void received(JsonObject json, byte[] utf8) {
        RECENT_HEADERS[NEXT_SLOT.getAndIncrement() & (RECENT - 1)] = new Entry(json, utf8);
    }

    /** The UTF-8 JSON of {@code json}: the bytes known for this very object, else freshly encoded. */
    static byte[] utf8(JsonObject json) {
        for (Entry e : constants) {
            if (e.json() == json) {
                return e.utf8();
            }
        }
        for (Entry e : RECENT_HEADERS) {
            if (e != null && e.json() == json) {
                return e.utf8();
            }
        }
        return json.toString().getBytes(StandardCharsets.UTF_8);
    }
}
