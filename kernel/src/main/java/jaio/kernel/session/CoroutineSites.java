package jaio.kernel.session;

import jaio.internal.SharedSecrets;
import jaio.internal.TaskAccess;

import java.lang.invoke.MethodHandles;

/**
 * What snippet code calls, woven in by {@link SnippetInstrumenter} around every call that returns a
 * coroutine: the kernel compiled the code, so it knows each call site's cell and line and whether
 * the value is thrown away (an expression statement, {@code sleep(1);}), which Python reports at
 * once as "coroutine 'sleep' was never awaited". The runtime does the reporting (see
 * {@link jaio.Coroutine}); this class only passes the site on.
 *
 * <p>A site is a constant of the calling class, made once by {@link #frame} (a dynamic constant),
 * so a woven call costs a constant load and a static call.
 */
public final class CoroutineSites {
    private static final TaskAccess ACCESS = SharedSecrets.taskAccess();

    private CoroutineSites() {}

    /** Bootstrap of a site constant: the raw frame (wrapper class, method, wrapper line) {@link CellFrames} maps to a cell line. */
    public static StackTraceElement frame(MethodHandles.Lookup lookup, String name, Class<?> type,
                                          String className, String method, int line) {
        return new StackTraceElement(className, method, null, line);
    }

    /** {@code value} was made at {@code site}: remembered, in case it is later dropped unawaited. */
    public static void made(Object value, StackTraceElement site) {
        ACCESS.coroutineMadeAt(value, site, false);
    }

    /** {@code value} was made by {@code async(...)} at {@code site}: its method is the coroutine's name too. */
    public static void defined(Object value, StackTraceElement site) {
        ACCESS.coroutineMadeAt(value, site, true);
    }

    /** {@code value} was thrown away at {@code site}: a coroutine never started is reported now. */
    public static void dropped(Object value, StackTraceElement site) {
        ACCESS.valueDropped(value, site);
    }
}
