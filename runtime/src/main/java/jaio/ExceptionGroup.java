package jaio;

import java.util.List;

/**
 * Several exceptions raised together (Python's ExceptionGroup), as {@link TaskGroup} raises them.
 * The first one is also the cause, so a plain stack trace shows it; all are suppressed entries.
 */
public class ExceptionGroup extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final List<Throwable> exceptions;

    /**
     * Groups several failures under {@code message} (Python's {@code ExceptionGroup(message,
     * exceptions)}), as a TaskGroup raises them.
     */
    public ExceptionGroup(String message, List<? extends Throwable> exceptions) {
        super(message + " (" + exceptions.size() + " sub-exception" + (exceptions.size() == 1 ? "" : "s") + ")",
                exceptions.isEmpty() ? null : exceptions.get(0));
        this.exceptions = List.copyOf(exceptions);
        for (Throwable t : this.exceptions) {
            addSuppressed(t);
        }
    }

    /** The grouped exceptions, in the order they happened (Python's {@code ExceptionGroup.exceptions}). */
    public List<Throwable> exceptions() {
        return exceptions;
    }

    /** The exceptions of this group (and nested groups) that are instances of {@code type}. */
    public <E extends Throwable> List<E> matching(Class<E> type) {
        java.util.ArrayList<E> out = new java.util.ArrayList<>();
        for (Throwable t : exceptions) {
            if (type.isInstance(t)) {
                out.add(type.cast(t));
            } else if (t instanceof ExceptionGroup g) {
                out.addAll(g.matching(type));
            }
        }
        return out;
    }
}
