package jaio;

/** Helpers to compare jaio's reprs with the ones CPython printed (addresses differ). */
final class TestReprs {
    private TestReprs() {}

    /** {@code <jaio.Lock object at 0x1f [locked]>} → {@code <jaio.Lock object [locked]>}. */
    static String rep(Object o) {
        return String.valueOf(o).replaceAll(" at 0x[0-9a-f]+", "");
    }
}
