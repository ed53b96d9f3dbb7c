package jaio.kernel.session;

import jaio.Async;
import jaio.Coroutine;
import jaio.Future;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;

/**
 * {@code progress(...)}, imported into cells: a {@link ProgressBar} in the cell that advances as
 * items finish, as {@code tqdm.asyncio} does for {@code gather} and {@code as_completed}:
 * {@code await gather(progress(downloads))}, and as {@code tqdm} does for loops:
 * {@code for (var x : progress(items))}.
 *
 * <p>A collection of awaitables comes back as a list of the same kind: coroutines wrapped in
 * coroutines that advance the bar when they end (each still starts only when awaited or
 * scheduled), futures and tasks themselves with a callback that does. A failure stops the bar and
 * shows the error. Other awaitables cannot be watched: they come back as they are.
 */
public final class Progress {
    private Progress() {}

    /** The items, watched by a new bar (see the class comment). */
    public static <T> List<T> progress(Collection<T> items) {
        return progress(items, null);
    }

    /** The items, watched by a new bar whose line starts with {@code description}. */
    @SuppressWarnings("unchecked")
    public static <T> List<T> progress(Collection<T> items, String description) {
        ProgressBar bar = new ProgressBar(description, items.size()).show();
        if (!items.isEmpty() && items.stream().allMatch(i -> i instanceof jaio.Awaitable<?>)) {
            List<T> out = new ArrayList<>(items.size());
            for (T item : items) {
                out.add((T) watched(item, bar));
            }
            return out;
        }
        List<T> snapshot = List.copyOf(items);
        return new AbstractList<>() {
            @Override
            public T get(int index) {
                return snapshot.get(index);
            }

            @Override
            public int size() {
                return snapshot.size();
            }

            @Override
            public Iterator<T> iterator() {
                return counting(snapshot.iterator(), bar, false);
            }
        };
    }

    /** The items of an iterable of unknown length, counted by a new bar as the loop takes them. */
    public static <T> Iterable<T> progress(Iterable<T> items) {
        return progress(items, null);
    }

    /** As {@link #progress(Iterable)}, the bar labelled {@code description} (tqdm's {@code tqdm(items, desc=description)}). */
    public static <T> Iterable<T> progress(Iterable<T> items, String description) {
        return () -> counting(items.iterator(), new ProgressBar(description, null).show(), true);
    }

    private static Object watched(Object item, ProgressBar bar) {
        if (item instanceof Coroutine<?> c) {
            return Async.async(() -> {
                Object value;
                try {
                    value = Async.await(c);
                } catch (RuntimeException | Error e) {
                    bar.fail(e);
                    throw e;
                }
                bar.advance();
                return value;
            });
        }
        if (item instanceof Future<?> f) {
            f.addDoneCallback(done -> {
                if (!done.cancelled() && done.exception() != null) {
                    bar.fail(done.exception());
                } else {
                    bar.advance();
                }
            });
        }
        return item;
    }

    /** Advances {@code bar} when the loop asks for the next item after taking one. */
    private static <T> Iterator<T> counting(Iterator<T> it, ProgressBar bar, boolean finishAtEnd) {
        return new Iterator<>() {
            private boolean taken;

            @Override
            public boolean hasNext() {
                if (taken) {
                    bar.advance();
                    taken = false;
                }
                boolean more;
                try {
                    more = it.hasNext();
                } catch (RuntimeException | Error e) {
                    bar.fail(e);
                    throw e;
                }
                if (!more && finishAtEnd) {
                    bar.finish();
                }
                return more;
            }

            @Override
            public T next() {
                T item = it.next();
                taken = true;
                return item;
            }
        };
    }
}
