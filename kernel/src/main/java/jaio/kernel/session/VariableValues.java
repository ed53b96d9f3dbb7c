package jaio.kernel.session;

import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;

/**
 * Releases the values of variables JShell no longer shows. A variable lives in a static field of
 * its snippet's wrapper class, and the class stays loaded when the variable is declared again
 * ({@code var data = load();} run a second time) or dropped: every old value stayed reachable for
 * the kernel's lifetime, so re-running a cell kept all its earlier results. When JShell reports a
 * variable overwritten, the field of the class that held it before this evaluation is set to null;
 * when it reports one dropped, the field of the class holding it now. The holders are the ones
 * {@link SnippetLoaderDelegate#variableHolders} recorded as the classes loaded.
 *
 * <p>Runs on the cell's thread right after an evaluation, before the next one forgets the previous
 * holders ({@link KeptVariables#beforeEval}).
 */
final class VariableValues {

    private final SnippetLoaderDelegate classes;

    VariableValues(SnippetLoaderDelegate classes) {
        this.classes = classes;
    }

    /** Clears the fields of the variables that {@code events} report as no longer active. */
    void release(List<SnippetEvent> events) {
        for (SnippetEvent e : events) {
            if (!(e.snippet() instanceof VarSnippet v) || e.status().isActive() || !e.previousStatus().isActive()) {
                continue;
            }
            Class<?>[] holders = classes.variableHolders(v.name());
            if (e.status() == Snippet.Status.OVERWRITTEN) {
                if (holders[0] != null && holders[0] != holders[1]) {
                    clear(holders[0], v.name());
                }
            } else if (holders[1] != null) {
                clear(holders[1], v.name());
                classes.forgetVariable(v.name());
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
