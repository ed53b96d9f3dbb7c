package jaio;

import java.util.Set;

/** What {@code wait} returns: asyncio's {@code (done, pending)} pair of sets. */
public record DoneAndPending<T>(Set<Future<T>> done, Set<Future<T>> pending) {
}
