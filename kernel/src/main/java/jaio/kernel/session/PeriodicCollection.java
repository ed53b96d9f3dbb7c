package jaio.kernel.session;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel's heap policy between cells: a full collection every {@value #CELLS} cells, on a thread
 * of its own once the cell's reply is on its way.
 *
 * <p>Why: with the serial collector (the kernelspec's, the smallest footprint) the old generation
 * is collected only when it is full. Each cell promotes what happened to be alive at a young
 * collection (javac's trees of the compilation in flight, an awaiting cell's tasks), which dies soon
 * after; the old generation then grows with garbage to several times the live heap (measured: RSS
 * 140 MB at cell 300, 241 MB at cell 1500 with ~30 MB live), and classes of forgotten snippets
 * ({@link SnippetHistory}) unload only at a full collection. A full collection every 100 cells
 * (about 50 ms for the kernel's ~30 MB of live heap, so well under a millisecond a cell) returns
 * the garbage: the heap shrinks to {@code MaxHeapFreeRatio} above what is live and unloaded classes
 * give their metaspace back, so RSS stays where it was after the warm-up.
 */
final class PeriodicCollection {
    static final int CELLS = 100;
    private final AtomicInteger cells = new AtomicInteger();

    /** Called when a cell finished: every {@value #CELLS}th time, collects on a new daemon thread. */
    void cellFinished() {
        if (cells.incrementAndGet() % CELLS == 0) {
            Thread.ofPlatform().name("jaio-heap-policy").daemon(true).start(System::gc);
        }
    }
}
