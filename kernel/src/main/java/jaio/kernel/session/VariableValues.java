package jaio.kernel.session;

import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Releases the values of variables JShell no longer shows. A variable lives in a static field of
 * its snippet's class, and JShell keeps that class loaded when the variable is redeclared
 * ({@code var data = load();} run again) or dropped: each old value stayed reachable for the
 * kernel's lifetime, so re-running a cell kept every earlier result. Here each active variable's
 * class is remembered when it is declared, and its field is set to null once JShell reports the
 * snippet overwritten or dropped.
 *
 * <p>Invariant: the map holds only variables that are active (it is bounded by the live
 * declarations). Confined to the cell task that evaluates snippets (one at a time, under the
 * session's analysis lock).
 */
final class VariableValues {

    private final SnippetLoaderDelegate classes;
    private final Map<Snippet, Class<?>> active = new IdentityHashMap<>();

    VariableValues(SnippetLoaderDelegate classes) {
        this.classes = classes;
    }

    /** After {@code primary} was evaluated with {@code events}: remember it if it declared a variable, release the ones it replaced. */
    void track(SnippetEvent primary, List<SnippetEvent> events) {
        release(events);
        if (primary.snippet() instanceof VarSnippet v && primary.status().isDefined()) {
            Class<?> holder = classes.recentClassDeclaring(v.name());
            if (holder != null) {
                active.put(v, holder);
            }
        }
    }

    /** Clears the fields of the variables that {@code events} report as no longer active. */
    void release(List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            if (e.snippet() instanceof VarSnippet v && !e.status().isActive()) {
                Class<?> holder = active.remove(v);
                if (holder != null) {
                    clear(holder, v.name());
                }
            }
        }
    }

    private static void clear(Class<?> holder, String name) {
        try {
            Field f = holder.getDeclaredField(name);
            if (Modifier.isStatic(f.getModifiers()) && !f.getType().isPrimitive()) {
                f.setAccessible(true);
                f.set(null, null);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            // A final or inaccessible field keeps its value: nothing else to do.
        }
    }
}
