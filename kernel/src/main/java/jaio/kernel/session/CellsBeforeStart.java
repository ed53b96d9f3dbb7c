package jaio.kernel.session;

import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Cells accepted by the session before they could be handed to the {@link CellRunner}: while the
 * session builds itself (JShell, the prelude: the first half second of a kernel) there is no runner
 * to interrupt, and an interrupt sent then was lost. An interrupt now claims the oldest such cell,
 * which is interrupted the moment it reaches the runner.
 *
 * <p>Invariants: a cell's state goes from WAITING to STARTED (handed over first) or to INTERRUPTED
 * (claimed by an interrupt first), never back, by compare-and-set, so exactly one side delivers the
 * interrupt: {@link #handedOver} after the runner accepted the cell, or the runner's own interrupt
 * once the cell is STARTED. Thread-safe; no lock.
 */
final class CellsBeforeStart {
    private static final int WAITING = 0;
    private static final int STARTED = 1;
    private static final int INTERRUPTED = 2;

    private final ConcurrentLinkedDeque<AtomicInteger> waiting = new ConcurrentLinkedDeque<>();

    /** A cell accepted now; pass the token to {@link #handedOver} once the runner has it. */
    AtomicInteger accept() {
        AtomicInteger cell = new AtomicInteger(WAITING);
        waiting.add(cell);
        return cell;
    }

    /** Call after the runner accepted the cell: true when an interrupt claimed it before, so the caller interrupts it now. */
    boolean handedOver(AtomicInteger cell) {
        boolean interrupted = !cell.compareAndSet(WAITING, STARTED);
        waiting.remove(cell);
        return interrupted;
    }

    /** True when the interrupt was taken by a cell not handed over yet; false when the runner must deliver it. */
    boolean claimOldest() {
        AtomicInteger oldest = waiting.peekFirst();
        return oldest != null && (oldest.compareAndSet(WAITING, INTERRUPTED) || oldest.get() == INTERRUPTED);
    }
}
