package jaio.kernel.maven;

/** A dependency that could not be loaded: a one-line message naming the artifact and the repository, and a hint. */
public final class MavenException extends RuntimeException {
    private final String hint;

    public MavenException(String message, String hint) {
        super(message, null, false, false);
        this.hint = hint;
    }

    /** What the user can do about it. */
    public String hint() {
        return hint;
    }
}
