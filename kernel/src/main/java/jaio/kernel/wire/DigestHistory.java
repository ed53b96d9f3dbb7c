package jaio.kernel.wire;

import java.util.HexFormat;
import java.util.LinkedHashSet;

/**
 * The signatures of the messages already accepted, so a captured message sent again (a replay) is
 * refused: an HMAC covers the header, whose msg_id and date make every genuine message's signature
 * unique. Bounded as jupyter_client's {@code Session.digest_history} is (2^16 entries): when full,
 * the oldest tenth is forgotten, so memory stays flat however long the kernel runs.
 *
 * <p>Thread-safe (the shell and control loops decode concurrently); a signature is checked and
 * recorded in one step, so two copies arriving at once on two channels cannot both pass.
 */
final class DigestHistory {

    static final int DEFAULT_CAPACITY = 1 << 16;

    private final int capacity;
    private final LinkedHashSet<String> seen = new LinkedHashSet<>();

    DigestHistory(int capacity) {
        if (capacity < 10) {
            throw new IllegalArgumentException("capacity " + capacity + " < 10");
        }
        this.capacity = capacity;
    }

    /** Records {@code signature}; false if it was already recorded (the message is a replay). */
    synchronized boolean firstSighting(byte[] signature) {
        if (!seen.add(HexFormat.of().formatHex(signature))) {
            return false;
        }
        if (seen.size() > capacity) {
            int drop = capacity / 10;
            var it = seen.iterator();
            for (int i = 0; i < drop; i++) {
                it.next();
                it.remove();
            }
        }
        return true;
    }

    synchronized int size() {
        return seen.size();
    }
}
