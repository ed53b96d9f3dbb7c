package jaio.kernel.session;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.VarSnippet;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Variables keep their values when something they depend on is redefined.
 *
 * <p>Why they would not: a variable lives in a static field of its snippet's wrapper class. When a
 * method or class its declaration uses is redefined, JShell compiles the declaration again into a
 * new wrapper class (the in-process execution control cannot redefine loaded classes) and does not
 * run the initializer again, so the variable starts over at null or 0 — silently. The old wrapper
 * class is still loaded and still holds the value, so after each evaluation this puts the old value
 * into the new field when it fits the variable's type (it always does when the declared type did not
 * change). When JShell cannot compile the declaration any more (its type, e.g. a class, was
 * redefined), the variable is declared again with its type and keeps its value if that still fits.
 * Every variable that could not keep its value is named in the cell's output, with the reason.
 *
 * <p>Runs on the cell's thread with the session's analysis lock held, as JShell's eval does.
 */
final class KeptVariables {
    private final JShell jshell;
    private final SnippetLoaderDelegate loader;

    KeptVariables(JShell jshell, SnippetLoaderDelegate loader) {
        this.jshell = jshell;
        this.loader = loader;
    }

    /** Called right before {@code jshell.eval}. */
    void beforeEval() {
        loader.forgetPreviousHolders();
    }

    /**
     * Called right after {@code jshell.eval} with its events: carries values over and returns one
     * note per variable that was reset (empty when every affected variable kept its value).
     */
    List<String> afterEval(List<SnippetEvent> events) {
        List<String> notes = new ArrayList<>();
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null || !(e.snippet() instanceof VarSnippet v) || e.previousStatus() != Snippet.Status.VALID
                    || v.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                continue;
            }
            String why = describe(e.causeSnippet()) + " was redefined";
            Class<?>[] holders = loader.variableHolders(v.name());
            if (e.status() == Snippet.Status.VALID) {
                if (holders[0] != null && holders[1] != null && holders[0] != holders[1]) {
                    keep(v.name(), holders[0], holders[1], why, notes);
                }
            } else if (e.status() == Snippet.Status.RECOVERABLE_DEFINED || e.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                redeclare(v, holders[1], why, notes);
            }
        }
        return notes;
    }

    /** JShell could not compile the declaration again: declare the name anew with its type and keep what fits. */
    private void redeclare(VarSnippet v, Class<?> oldHolder, String why, List<String> notes) {
        loader.forgetPreviousHolders();
        List<SnippetEvent> again = jshell.eval(v.typeName() + " " + v.name() + ";");
        boolean valid = again.stream().anyMatch(x -> x.causeSnippet() == null && x.status() == Snippet.Status.VALID);
        Class<?> now = loader.variableHolders(v.name())[1];
        if (!valid || oldHolder == null || now == null || now == oldHolder) {
            notes.add("note: variable " + v.name() + " is undefined now: " + why + " and its declaration no longer compiles; declare it again");
            return;
        }
        keep(v.name(), oldHolder, now, why, notes);
    }

    private static void keep(String name, Class<?> from, Class<?> to, String why, List<String> notes) {
        try {
            Field old = from.getDeclaredField(name);
            Field now = to.getDeclaredField(name);
            old.setAccessible(true);
            now.setAccessible(true);
            Object value = old.get(null);
            if (fits(value, old.getType(), now.getType())) {
                now.set(null, value);
                return;
            }
            notes.add("note: variable " + name + " was reset to " + (now.getType().isPrimitive() ? defaultOf(now.getType()) : "null")
                    + ": " + why + " and its old value " + reason(value, now.getType()) + "; assign it again");
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            notes.add("note: variable " + name + " was reset: " + why + " and its value could not be carried over (" + e + ")");
        }
    }

    private static boolean fits(Object value, Class<?> oldType, Class<?> newType) {
        if (newType.isPrimitive() || oldType.isPrimitive()) {
            return oldType == newType;
        }
        return value == null || newType.isInstance(value);
    }

    private static String reason(Object value, Class<?> newType) {
        if (value != null && value.getClass().getSimpleName().equals(newType.getSimpleName())) {
            return "is an object of the old class " + newType.getSimpleName();
        }
        return "does not fit its type " + newType.getSimpleName() + " any more";
    }

    private static String defaultOf(Class<?> primitive) {
        return primitive == boolean.class ? "false" : "0";
    }

    private static String describe(Snippet s) {
        if (s instanceof DeclarationSnippet d) {
            return switch (s.kind()) {
                case METHOD -> d.name() + "()";
                case TYPE_DECL -> "class " + d.name();
                default -> d.name();
            };
        }
        return s.source().strip();
    }
}
