package jaio;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where {@link SslProtocol} runs the {@code SSLEngine}'s delegated tasks: a small pool of daemon
 * threads shared by every loop of the process (the JDK's own HttpClient hands them to an executor
 * the same way). In the JDK those tasks carry nearly all of a handshake's crypto (the peer's key
 * share, the certificate path and its check, the signature, Finished), so 100 concurrent
 * handshakes can use every core while the loop goes on serving its other connections and tasks.
 *
 * <p>Invariants: only the engine's delegated {@code Runnable}s run here, never a callback, a
 * protocol or user code; at most {@link #SIZE} run at once and the rest queue in order; idle
 * threads end after {@link #KEEP_ALIVE_SECONDS}, so an idle process keeps none.
 */
final class SslTaskPool {
    /** Enough for the cores a handshake burst can use; more only adds threads fighting for them. */
    static final int SIZE = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    static final long KEEP_ALIVE_SECONDS = 10;
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final ExecutorService POOL = newPool();

    private SslTaskPool() {}

    private static ExecutorService newPool() {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(SIZE, SIZE, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(),
                r -> Thread.ofPlatform().daemon().name("jaio-tls-task-" + IDS.incrementAndGet()).unstarted(r));
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    /** Runs {@code work} on a pool thread; it must not throw. */
    static void execute(Runnable work) {
        POOL.execute(work);
    }
}
