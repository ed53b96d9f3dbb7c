package jaio.kernel.session;

/**
 * Tells a listener when the calling thread enters and leaves snippet code, that is, when it
 * starts and stops running what a cell wrote, as opposed to JShell compiling it. {@code %time}
 * listens so that it times the code, not the compiler. Public for the kernel's magics; a listener
 * is per thread (the cell's task) and called on that thread.
 */
public final class UserCodeClock {
    /** Called around each snippet's execution on the listening thread. */
    public interface Listener {
        void entering();

        void leaving();
    }

    private static final ThreadLocal<Listener> LISTENER = new ThreadLocal<>();

    private UserCodeClock() {}

    /** Makes {@code listener} hear this thread's snippet executions, or stops with null. */
    public static void listen(Listener listener) {
        if (listener == null) {
            LISTENER.remove();
        } else {
            LISTENER.set(listener);
        }
    }

    static void entering() {
        Listener l = LISTENER.get();
        if (l != null) {
            l.entering();
        }
    }

    static void leaving() {
        Listener l = LISTENER.get();
        if (l != null) {
            l.leaving();
        }
    }
}
