package jaio;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Queue} that returns the smallest item first (asyncio.PriorityQueue), by natural order
 * or by a {@link Comparator}.
 *
 * <p>The items live in a binary heap that follows Python's {@code heapq} step for step
 * ({@code heappush}, {@code heappop}), so items that compare equal come out in the same order as
 * in CPython, which is not necessarily the order they were put in. To make that order explicit,
 * put (priority, sequence number, item) records, as the Python docs recommend with tuples.
 */
public class PriorityQueue<T> extends Queue<T> {
    private final ArrayList<T> heap = new ArrayList<>();
    private final Comparator<? super T> comparator;

    /** An unbounded priority queue of {@link Comparable} items. */
    public PriorityQueue() {
        this(0);
    }

    /** A priority queue of {@link Comparable} items holding at most {@code maxsize}; unbounded if {@code <= 0}. */
    public PriorityQueue(int maxsize) {
        this(maxsize, null);
    }

    /** An unbounded priority queue ordered by {@code comparator}. */
    public PriorityQueue(Comparator<? super T> comparator) {
        this(0, comparator);
    }

    /**
     * A priority queue ordered by {@code comparator} (natural order if null), holding at most
     * {@code maxsize} items; unbounded if {@code maxsize <= 0}.
     */
    public PriorityQueue(int maxsize, Comparator<? super T> comparator) {
        super(maxsize);
        this.comparator = comparator;
    }

    /** The comparator, or null for natural order. */
    public Comparator<? super T> comparator() {
        return comparator;
    }

    @SuppressWarnings("unchecked")
    private boolean lessThan(T a, T b) {
        if (comparator != null) {
            return comparator.compare(a, b) < 0;
        }
        // Python raises TypeError for items that cannot be ordered (only once two are compared).
        if (!(Objects.requireNonNull(a, "item") instanceof Comparable)) {
            throw new ClassCastException("PriorityQueue items must be Comparable, or the queue needs a Comparator: "
                    + a.getClass().getName());
        }
        return ((Comparable<? super T>) a).compareTo(b) < 0;
    }

    /** heapq.heappush. */
    @Override
    protected void putItem(T item) {
        heap.add(item);
        siftDown(0, heap.size() - 1);
    }

    /** heapq.heappop. */
    @Override
    protected T takeItem() {
        T last = heap.removeLast();
        if (!heap.isEmpty()) {
            T top = heap.get(0);
            heap.set(0, last);
            siftUp(0);
            return top;
        }
        return last;
    }

    @Override
    protected int itemCount() {
        return heap.size();
    }

    /** The items in heap order, as asyncio shows its list. */
    @Override
    protected List<T> items() {
        return new ArrayList<>(heap);
    }

    /** heapq._siftdown: moves the item at {@code pos} up towards {@code startPos} while it is smaller than its parent. */
    private void siftDown(int startPos, int pos) {
        T newItem = heap.get(pos);
        while (pos > startPos) {
            int parentPos = (pos - 1) >> 1;
            T parent = heap.get(parentPos);
            if (lessThan(newItem, parent)) {
                heap.set(pos, parent);
                pos = parentPos;
                continue;
            }
            break;
        }
        heap.set(pos, newItem);
    }

    /**
     * heapq._siftup: moves the smaller child up until a leaf is reached, puts the item there, then
     * sifts it down to its place (fewer comparisons than the textbook version; the order of equal
     * items depends on it).
     */
    private void siftUp(int pos) {
        int endPos = heap.size();
        int startPos = pos;
        T newItem = heap.get(pos);
        int childPos = 2 * pos + 1;
        while (childPos < endPos) {
            int rightPos = childPos + 1;
            if (rightPos < endPos && !lessThan(heap.get(childPos), heap.get(rightPos))) {
                childPos = rightPos;
            }
            heap.set(pos, heap.get(childPos));
            pos = childPos;
            childPos = 2 * pos + 1;
        }
        heap.set(pos, newItem);
        siftDown(startPos, pos);
    }
}
