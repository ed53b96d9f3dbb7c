package jaio.kernel.session;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The kernel loop's default executor (the pool behind {@code runInExecutor(null, ...)} and
 * {@code toThread}): the runtime's usual pool, except that each job runs as part of the cell that
 * submitted it, so what it prints lands under that cell.
 */
final class CellPropagatingExecutor extends ThreadPoolExecutor {
    private static final AtomicInteger IDS = new AtomicInteger();

    CellPropagatingExecutor() {
        super(poolSize(), poolSize(), 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), threads());
        allowCoreThreadTimeOut(true);
    }

    private static int poolSize() {
        return Math.min(32, Runtime.getRuntime().availableProcessors() + 4);
    }

    private static ThreadFactory threads() {
        int id = IDS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        return r -> Thread.ofPlatform().daemon().name("jaio-kernel-executor-" + id + "_" + n.getAndIncrement())
                .inheritInheritableThreadLocals(false).unstarted(r);
    }

    @Override
    public void execute(Runnable command) {
        Cell cell = CurrentCell.ofRunningCode();
        super.execute(cell == null ? command : () -> CurrentCell.runAs(cell, command));
    }
}
