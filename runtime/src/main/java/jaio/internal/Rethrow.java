package jaio.internal;

/** Rethrows any Throwable without wrapping it, so awaiting keeps the original exception type. */
public final class Rethrow {
    private Rethrow() {}

    public static RuntimeException unchecked(Throwable t) {
        Rethrow.<RuntimeException>sneaky(t);
        return null;
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> void sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
