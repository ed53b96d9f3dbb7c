package jaio;

import java.util.ArrayList;
import java.util.List;

/** A {@link Queue} that returns the most recently added item first (asyncio.LifoQueue). */
public class LifoQueue<T> extends Queue<T> {
    /** A list used as a stack, as asyncio's: push at the end, pop from the end. */
    private final ArrayList<T> stack = new ArrayList<>();

    /** An unbounded LIFO queue. */
    public LifoQueue() {
        this(0);
    }

    /** A LIFO queue holding at most {@code maxsize} items; unbounded if {@code maxsize <= 0}. */
    public LifoQueue(int maxsize) {
        super(maxsize);
    }

    @Override
    protected void putItem(T item) {
        stack.add(item);
    }

    @Override
    protected T takeItem() {
        return stack.removeLast();
    }

    @Override
    protected int itemCount() {
        return stack.size();
    }

    @Override
    protected List<T> items() {
        return new ArrayList<>(stack);
    }
}
