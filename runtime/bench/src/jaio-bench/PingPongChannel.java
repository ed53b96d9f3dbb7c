import jaio.Coroutine;

/**
 * What W3 needs from a queue: asyncio.Queue's {@code put} and {@code get}. Implemented by
 * {@code QueueChannel} (over {@code jaio.Queue}, compiled only when the runtime has it) and by
 * {@link FutureChannel} (a private stand-in built from jaio Futures).
 */
interface PingPongChannel<T> {
    Coroutine<Void> put(T item);

    Coroutine<T> get();

    /** The channel W3 uses: jaio.Queue if the runtime jar has it, else the Future-based stand-in. */
    @SuppressWarnings("unchecked")
    static <T> PingPongChannel<T> create() {
        try {
            return (PingPongChannel<T>) Class.forName("QueueChannel").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            return new FutureChannel<>();
        }
    }

    /** Which implementation {@link #create()} picks, for the report. */
    static String kind() {
        try {
            Class.forName("QueueChannel");
            return "jaio.Queue";
        } catch (ClassNotFoundException e) {
            return "FutureChannel (bench-private, asyncio.Queue's algorithm over jaio.Future)";
        }
    }
}
