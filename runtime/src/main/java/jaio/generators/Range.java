package jaio.generators;

import jaio.ValueError;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Python's {@code range(start, stop, step)}: an immutable, lazily iterated sequence of ints whose
 * text is Python's ({@code range(0, 10)}), so ported examples print the same line.
 */
public record Range(int start, int stop, int step) implements Iterable<Integer> {
    public Range {
        if (step == 0) {
            throw new ValueError("range() arg 3 must not be zero");
        }
    }

    @Override
    public Iterator<Integer> iterator() {
        return new Iterator<>() {
            private int next = start;

            @Override
            public boolean hasNext() {
                return step > 0 ? next < stop : next > stop;
            }

            @Override
            public Integer next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int v = next;
                next += step;
                return v;
            }
        };
    }

    @Override
    public String toString() {
        return "range(" + start + ", " + stop + (step == 1 ? "" : ", " + step) + ")";
    }
}
