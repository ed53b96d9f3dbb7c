package jaio;

/** asyncio-style representations of the synchronization primitives. */
final class Reprs {
    private Reprs() {}

    /** {@code <jaio.Lock object at 0x1b6d3586 [extra]>}, as Python's {@code <asyncio.locks.Lock object at 0x... [extra]>}. */
    static String object(Object o, String extra) {
        return "<" + o.getClass().getName() + " object at 0x" + Integer.toHexString(System.identityHashCode(o))
                + " [" + extra + "]>";
    }
}
