package jaio.kernel.language;

import jaio.kernel.protocol.history.HistoryStore;

/**
 * What the kernel offers a session beyond one cell: the comms and the input history. Both are
 * thread-safe.
 */
public record KernelServices(Comms comms, HistoryStore history) {

    /** Services with no frontend comms and no history (tests, a session outside a kernel). */
    public static KernelServices none() {
        return new KernelServices(Comms.NONE, HistoryStore.none());
    }
}
