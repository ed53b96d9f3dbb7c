package jaio.kernel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The runtime's Javadoc found from the signatures JShell writes. */
class RuntimeJavadocTest {
    @Test
    void anOverloadIsFoundByItsParameterTypes() {
        String withFlag = RuntimeJavadoc.of("Future<List<Object>> Async.gather(boolean returnExceptions, Awaitable<?>... aws)", Set.of()).orElseThrow();
        assertTrue(withFlag.contains("return_exceptions"), withFlag);
        String varargs = RuntimeJavadoc.of("Future<List<T>> Async.<T>gather(Awaitable<? extends T>... aws)", Set.of()).orElseThrow();
        assertTrue(varargs.contains("runs the awaitables concurrently"), varargs);
        String duration = RuntimeJavadoc.of("Coroutine<Void> Async.sleep(java.time.Duration delay)", Set.of()).orElseThrow();
        assertTrue(duration.contains("for a {@link Duration}"), duration);
    }

    @Test
    void aTypeIsFoundByItsSimpleOrQualifiedName() {
        assertTrue(RuntimeJavadoc.of("ClientSession", Set.of()).orElseThrow().contains("Connections are kept alive"));
        assertTrue(RuntimeJavadoc.of("jaio.http.ClientSession", Set.of()).orElseThrow().contains("Connections are kept alive"));
    }

    @Test
    void whatIsNotTheRuntimesHasNoDocumentationHere() {
        assertEquals(Optional.empty(), RuntimeJavadoc.of("int Math.max(int a, int b)", Set.of()));
        assertEquals(Optional.empty(), RuntimeJavadoc.of("java.lang.String", Set.of()));
        assertEquals(Optional.empty(), RuntimeJavadoc.of("Coroutine<Void> Async.sleep(String a, String b, String c)", Set.of()));
    }

    @Test
    void aUserClassShadowingARuntimeClassIsTheUsers() {
        assertEquals(Optional.empty(), RuntimeJavadoc.of("ClientSession", Set.of("ClientSession")));
        assertTrue(RuntimeJavadoc.of("jaio.http.ClientSession", Set.of("ClientSession")).isPresent());
    }

    @Test
    void aMethodThatOverridesAnotherHasItsDocumentation() {
        String cancel = RuntimeJavadoc.of("boolean jaio.Task.cancel()", Set.of()).orElseThrow();
        assertTrue(cancel.contains("CancelledError"), cancel);
    }

    @Test
    void theKernelsFacadesAreDocumented() {
        String display = RuntimeJavadoc.of("Display.Handle Display.display(Object value)", Set.of()).orElseThrow();
        assertTrue(display.contains("returns a handle to update it"), display);
        assertTrue(RuntimeJavadoc.of("Coroutine<String> Input.input()", Set.of()).isPresent());
    }

    /**
     * Every public method and constructor a cell can reach through the prelude's imports — the
     * runtime's packages and the kernel's statically imported facades — shows documentation in
     * the pager: its own, or the one it inherits from a runtime supertype. Methods that implement
     * a JDK method ({@code close}, {@code toString}, {@code iterator}) and the members the compiler
     * writes (an enum's {@code values}, a record's accessors) are the JDK's to document.
     */
    @Test
    void everyPublicMethodACellCanCallIsDocumented() throws Exception {
        List<Class<?>> types = new ArrayList<>();
        for (String pkg : Prelude.RUNTIME_PACKAGES) {
            for (String name : Prelude.publicTypes(pkg)) {
                addWithNested(types, Class.forName(pkg + "." + name));
            }
        }
        for (Class<?> facade : List.of(Display.class, Input.class, Progress.class, TaskViews.class, CellServices.class)) {
            addWithNested(types, facade);
        }
        assertTrue(types.size() > 80, "the runtime's public types were found: " + types.size());
        List<String> undocumented = new ArrayList<>();
        int checked = 0;
        for (Class<?> c : types) {
            List<Executable> members = new ArrayList<>(Arrays.asList(c.getDeclaredMethods()));
            if (!c.isInterface() && !Modifier.isAbstract(c.getModifiers()) && !c.isEnum() && !c.isRecord()) {
                members.addAll(Arrays.asList(c.getDeclaredConstructors()));
            }
            for (Executable m : members) {
                if (!Modifier.isPublic(m.getModifiers()) && !c.isInterface() || m.isSynthetic()
                        || m instanceof Method method && (method.isBridge() || !Modifier.isPublic(method.getModifiers())
                        || implementsJdkMethod(c, method) || generated(c, method))) {
                    continue;
                }
                checked++;
                String signature = signature(c, m);
                if (RuntimeJavadoc.of(signature, Set.of()).isEmpty()) {
                    undocumented.add(signature);
                }
            }
        }
        assertTrue(checked > 500, "methods checked: " + checked);
        assertEquals(List.of(), undocumented, undocumented.size() + " public methods show no documentation in the pager");
    }

    private static void addWithNested(List<Class<?>> types, Class<?> c) {
        if (!Modifier.isPublic(c.getModifiers())) {
            return;
        }
        types.add(c);
        for (Class<?> nested : c.getDeclaredClasses()) {
            addWithNested(types, nested);
        }
    }

    /** As JShell writes it: {@code ReturnType jaio.Owner.name(ParamType p0, ...)}. */
    private static String signature(Class<?> c, Executable m) {
        String params = Arrays.stream(m.getGenericParameterTypes()).map(Type::getTypeName).map(t -> t + " p")
                .collect(Collectors.joining(", "));
        String owner = c.getCanonicalName();
        if (m instanceof Method method) {
            return method.getGenericReturnType().getTypeName() + " " + owner + "." + m.getName() + "(" + params + ")";
        }
        return owner + "(" + params + ")";
    }

    private static boolean implementsJdkMethod(Class<?> c, Method m) {
        List<Class<?>> todo = new ArrayList<>(List.of(c));
        while (!todo.isEmpty()) {
            Class<?> t = todo.removeLast();
            if (t != c && !t.getName().startsWith("jaio.")) {
                // Same name and arity: a generic JDK method (compareTo(T)) erases to other types.
                if (Arrays.stream(t.getMethods()).anyMatch(j -> j.getName().equals(m.getName()) && j.getParameterCount() == m.getParameterCount())) {
                    return true;
                }
            }
            if (t.getSuperclass() != null) {
                todo.add(t.getSuperclass());
            }
            todo.addAll(List.of(t.getInterfaces()));
        }
        return c.isInterface() && List.of("toString", "equals", "hashCode").contains(m.getName());
    }

    private static boolean generated(Class<?> c, Method m) {
        if (c.isEnum() && (m.getName().equals("values") || m.getName().equals("valueOf"))) {
            return true;
        }
        return c.isRecord() && m.getParameterCount() == 0
                && Arrays.stream(c.getRecordComponents()).anyMatch(rc -> rc.getName().equals(m.getName()));
    }
}
