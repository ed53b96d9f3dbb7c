package jaio.kernel.session;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The renderers users register for their own types ({@code registerRenderer(Point.class, p -> ...)}):
 * the latest registration whose type the value is an instance of wins, so a cell that redefines a
 * class and registers again replaces the old renderer for new values.
 */
final class RendererRegistry {
    private record Entry(Class<?> type, Function<Object, Map<String, Object>> renderer) {}

    private static final List<Entry> ENTRIES = new CopyOnWriteArrayList<>();

    private RendererRegistry() {}

    @SuppressWarnings("unchecked")
    static <T> void register(Class<T> type, Function<? super T, Map<String, Object>> renderer) {
        ENTRIES.removeIf(e -> e.type().getName().equals(type.getName()));
        ENTRIES.addFirst(new Entry(type, (Function<Object, Map<String, Object>>) renderer));
    }

    /** The bundle a registered renderer gives for {@code value}, or null. */
    static Map<String, Object> render(Object value) {
        for (Entry e : ENTRIES) {
            if (e.type().isInstance(value)) {
                return e.renderer().apply(value);
            }
        }
        return null;
    }
}
