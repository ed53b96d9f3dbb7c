package jaio.generators;

/** The states {@code inspect.getgeneratorstate()} reports, with Python's names. */
public enum GeneratorState {
    /** Created, body not started. */
    GEN_CREATED,
    /** The body is executing (seen from inside it, or from another thread meanwhile). */
    GEN_RUNNING,
    /** Paused at a {@code yield}. */
    GEN_SUSPENDED,
    /** Returned, raised, or closed. */
    GEN_CLOSED
}
