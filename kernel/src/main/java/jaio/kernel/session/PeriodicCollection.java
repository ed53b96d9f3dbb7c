package jaio.kernel.session;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * The kernel's heap policy between cells: a full collection every {@value #CELLS} cells, and one
 * when the kernel has been idle for {@link #IDLE} after its heap grew by {@link #GROWTH_BYTES} since
 * the last collection; always on a thread of its own, once the cell's reply is on its way.
 *
 * <p>Why every {@value #CELLS} cells: with the serial collector (the kernelspec's, the smallest
 * footprint) the old generation is collected only when it is full. Each cell promotes what happened
 * to be alive at a young collection (javac's trees of the compilation in flight, an awaiting cell's
 * tasks), which dies soon after; the old generation then grows with garbage to several times the
 * live heap (measured: RSS 140 MB at cell 300, 241 MB at cell 1500 with ~30 MB live), and classes
 * of forgotten snippets ({@link SnippetHistory}) unload only at a full collection. A full collection
 * every 100 cells (about 50 ms for the kernel's ~30 MB of live heap, so well under a millisecond a
 * cell) returns the garbage: the heap shrinks to {@code MaxHeapFreeRatio} above what is live
 * ({@code -XX:-ShrinkHeapInSteps}: at once) and unloaded classes give their metaspace back, so RSS
 * stays where it was after the warm-up.
 *
 * <p>Why when idle: a user who drops a large value ({@code big = null;}) and then reads, thinks or
 * waits runs no cells, so the count alone would keep its memory for as long as the pause lasts. At
 * most one watcher thread exists at a time ({@code watching}); it collects only when no cell ran
 * and none is unfinished over a whole {@link #IDLE} interval, and stops as soon as the heap is no
 * longer {@link #GROWTH_BYTES} above what the last collection left.
 */
final class PeriodicCollection {
    static final int CELLS = 100;
    static final Duration IDLE = Duration.ofSeconds(2);
    static final long GROWTH_BYTES = 16L << 20;

    private final AtomicInteger cells = new AtomicInteger();
    private final AtomicBoolean watching = new AtomicBoolean();
    private final BooleanSupplier noCellUnfinished;
    private volatile long committedAfterCollection = Runtime.getRuntime().totalMemory();

    /** {@code noCellUnfinished}: true when no cell is running or waiting to run. */
    PeriodicCollection(BooleanSupplier noCellUnfinished) {
        this.noCellUnfinished = noCellUnfinished;
    }

    /** Called when a cell finished. */
    void cellFinished() {
        if (cells.incrementAndGet() % CELLS == 0) {
            Thread.ofPlatform().name("jaio-heap-policy").daemon(true).start(this::collect);
        } else if (grown() && watching.compareAndSet(false, true)) {
            Thread.ofPlatform().name("jaio-heap-policy-idle").daemon(true).start(this::collectWhenIdle);
        }
    }

    private boolean grown() {
        return Runtime.getRuntime().totalMemory() - committedAfterCollection >= GROWTH_BYTES;
    }

    private void collect() {
        System.gc();
        committedAfterCollection = Runtime.getRuntime().totalMemory();
    }

    private void collectWhenIdle() {
        try {
            int seen = -1;
            while (grown()) {
                int now = cells.get();
                if (now == seen && noCellUnfinished.getAsBoolean()) {
                    collect();
                    return;
                }
                seen = now;
                Thread.sleep(IDLE);
            }
        } catch (InterruptedException e) {
            // The kernel is stopping.
        } finally {
            watching.set(false);
        }
    }
}
