package jaio;

/**
 * A jaio future that follows a computation outside the loop (a CompletableFuture, a thread of an
 * executor): the same future, plus a phrase saying what it follows, for {@link Waiting}.
 */
final class ForeignFuture<T> extends Future<T> {
    private final String kind;

    ForeignFuture(Loop loop, String kind) {
        super(loop);
        this.kind = kind;
    }

    /** "a CompletableFuture", "a thread (runInExecutor)"... */
    String kind() {
        return kind;
    }
}
