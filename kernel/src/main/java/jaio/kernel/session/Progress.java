package jaio.kernel.session;

import jaio.Async;
import jaio.Awaitable;
import jaio.Coroutine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * {@code progress(...)}, imported into cells: wraps awaitables or an iterable so that a
 * {@link ProgressBar} in the cell advances as items finish, as {@code tqdm.asyncio} does for
 * {@code gather} and {@code as_completed}: {@code await gather(progress(downloads))}.
 */
public final class Progress {
    private Progress() {}

    /**
     * The awaitables, each wrapped so that its end advances one bar; pass the list to
     * {@code gather}, {@code asCompleted} or {@code wait}. Each still starts only when awaited or
     * scheduled, as the original would. A failure stops the bar and shows the error.
     */
    public static <T> List<Coroutine<T>> progress(Collection<? extends Awaitable<T>> awaitables) {
        return progress(awaitables, null);
    }

    public static <T> List<Coroutine<T>> progress(Collection<? extends Awaitable<T>> awaitables, String description) {
        ProgressBar bar = new ProgressBar(description, awaitables.size()).show();
        List<Coroutine<T>> out = new ArrayList<>(awaitables.size());
        for (Awaitable<T> a : awaitables) {
            out.add(Async.async(() -> {
                T value;
                try {
                    value = Async.await(a);
                } catch (RuntimeException | Error e) {
                    bar.fail(e);
                    throw e;
                }
                bar.advance();
                return value;
            }));
        }
        return out;
    }

    /** The items of {@code items}, advancing a bar as the loop takes each (the total is known for collections). */
    public static <T> Iterable<T> progress(Iterable<T> items) {
        return progress(items, null);
    }

    public static <T> Iterable<T> progress(Iterable<T> items, String description) {
        Integer total = items instanceof Collection<?> c ? c.size() : null;
        return () -> {
            ProgressBar bar = new ProgressBar(description, total).show();
            Iterator<T> it = items.iterator();
            return new Iterator<>() {
                private boolean started;

                @Override
                public boolean hasNext() {
                    if (started) {
                        bar.advance();
                    }
                    boolean more;
                    try {
                        more = it.hasNext();
                    } catch (RuntimeException | Error e) {
                        bar.fail(e);
                        throw e;
                    }
                    if (!more && total == null) {
                        bar.finish();
                    }
                    started = false;
                    return more;
                }

                @Override
                public T next() {
                    T item = it.next();
                    started = true;
                    return item;
                }
            };
        };
    }
}
