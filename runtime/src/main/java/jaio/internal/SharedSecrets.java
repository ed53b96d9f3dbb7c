package jaio.internal;

import jaio.StreamReader;
import jaio.Task;

/**
 * The non-public doors between jaio's packages, in the manner of OpenJDK's
 * {@code jdk.internal.access.SharedSecrets}: a package registers an implementation of an access
 * interface from a static initializer, and the sub-packages that need more than the public API ask
 * for it here. Keeping the members package-private (rather than public for the sake of one
 * sub-package) keeps them out of a user's reach; {@code jaio.internal} is not API.
 *
 * <p>Invariant: a getter never returns null. If the registering class has not been initialized yet,
 * the getter initializes it, which registers the access as a side effect.
 */
public final class SharedSecrets {
    private static volatile TaskAccess taskAccess;
    private static volatile StreamAccess streamAccess;

    private SharedSecrets() {}

    public static void setTaskAccess(TaskAccess access) {
        taskAccess = access;
    }

    public static TaskAccess taskAccess() {
        TaskAccess a = taskAccess;
        if (a == null) {
            ensureInitialized(Task.class);
            a = taskAccess;
        }
        return a;
    }

    public static void setStreamAccess(StreamAccess access) {
        streamAccess = access;
    }

    public static StreamAccess streamAccess() {
        StreamAccess a = streamAccess;
        if (a == null) {
            ensureInitialized(StreamReader.class);
            a = streamAccess;
        }
        return a;
    }

    private static void ensureInitialized(Class<?> c) {
        try {
            Class.forName(c.getName(), true, c.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new AssertionError(e);
        }
    }
}
