package jaio.kernel.protocol;

import java.util.concurrent.atomic.AtomicLong;

/**
 * How many interrupt_requests the kernel has received. The control loop counts one before it
 * interrupts the session; the shell loop reads the count before it publishes a cell's {@code busy}
 * and again after it handed the cell to the session. A change means an interrupt came in between,
 * when the session may not have known the cell yet, so the queue delivers it again: an interrupt
 * sent as soon as {@code busy} arrived reaches that cell. (Count, then interrupt; hand over, then
 * read: one of the two threads always sees the other's step.)
 */
final class InterruptCount {

    private final AtomicLong count = new AtomicLong();

    void received() {
        count.incrementAndGet();
    }

    long now() {
        return count.get();
    }
}
