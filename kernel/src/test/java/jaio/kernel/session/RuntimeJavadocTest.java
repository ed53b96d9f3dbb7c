package jaio.kernel.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Set;
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
}
