package jaio.kernel.session;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The daemon thread that delivers buffered stream output: a cell's buffer is flushed
 * {@link #DELAY_MILLIS} after its first unsent write, so a burst of prints becomes one message and
 * no text waits longer than that. The thread sleeps only while some buffer holds text.
 */
final class OutputFlusher {
    static final long DELAY_MILLIS = 20;
    static final OutputFlusher INSTANCE = new OutputFlusher();

    private record Due(CellOutput output, long atNanos) {}

    private final BlockingQueue<Due> queue = new LinkedBlockingQueue<>();

    private OutputFlusher() {
        Thread.ofPlatform().daemon().name("jaio-output-flusher").start(this::run);
    }

    void schedule(CellOutput output) {
        queue.add(new Due(output, System.nanoTime() + DELAY_MILLIS * 1_000_000));
    }

    private void run() {
        while (true) {
            try {
                Due d = queue.take();
                long wait = d.atNanos() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                d.output().flush();
            } catch (InterruptedException e) {
                // Nobody interrupts this thread on purpose; keep delivering output.
            } catch (Throwable t) {
                OutputRouter.kernelErr().println("jaio: output flusher: " + t);
            }
        }
    }
}
