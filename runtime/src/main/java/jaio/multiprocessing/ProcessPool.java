package jaio.multiprocessing;

import jaio.AsyncRuntimeError;
import jaio.KeyboardInterrupt;
import jaio.internal.ProcessPoolWorker;
import jaio.internal.Rethrow;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A pool of worker processes for CPU-bound work: Python's {@code multiprocessing.Pool} /
 * {@code concurrent.futures.ProcessPoolExecutor}. Each worker is a JVM started with this JVM's
 * java and class path; a task is a {@link SerializableFunction} and its argument, sent to an idle
 * worker and answered with the result (or the exception) over the worker's standard streams.
 *
 * <p>Java threads already run CPU work in parallel (there is no GIL), so a thread pool is usually
 * the better Java answer; this class exists so a seed that uses processes can be ported one to one,
 * and for work that must be isolated in its own process. Use it from plain code ({@link #map}
 * blocks) or from a task ({@code await(pool.mapAsync(...))}, or {@code loop.runInExecutor}).
 */
public final class ProcessPool implements AutoCloseable {
    private final List<Worker> workers = new ArrayList<>();
    private final BlockingQueue<Worker> idle = new LinkedBlockingQueue<>();
    private volatile boolean closed;

    /** As many workers as the machine has cores ({@code os.cpu_count()}). */
    public ProcessPool() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public ProcessPool(int processes) {
        if (processes < 1) {
            throw new IllegalArgumentException("Number of processes must be at least 1");
        }
        for (int i = 0; i < processes; i++) {
            Worker w = new Worker(i);
            workers.add(w);
            idle.add(w);
        }
    }

    /** The number of worker processes. */
    public int processes() {
        return workers.size();
    }

    /** Applies {@code fn} to every item in the workers and returns the results in order (blocks). */
    public <A extends Serializable, R> List<R> map(SerializableFunction<A, R> fn, List<A> items) {
        try {
            return mapAsync(fn, items).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KeyboardInterrupt("interrupted while waiting for the process pool");
        } catch (ExecutionException e) {
            throw Rethrow.unchecked(e.getCause());
        }
    }

    /** As {@link #map}, without blocking: await the result from a task, or join it. */
    public <A extends Serializable, R> CompletableFuture<List<R>> mapAsync(SerializableFunction<A, R> fn, List<A> items) {
        List<CompletableFuture<R>> parts = new ArrayList<>(items.size());
        for (A item : items) {
            parts.add(submit(fn, item));
        }
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenApply(v -> {
            List<R> out = new ArrayList<>(parts.size());
            for (CompletableFuture<R> p : parts) {
                out.add(p.join());
            }
            return out;
        });
    }

    /** Runs {@code fn(arg)} in a worker (ProcessPoolExecutor.submit). */
    public <A extends Serializable, R> CompletableFuture<R> submit(SerializableFunction<A, R> fn, A arg) {
        if (closed) {
            throw new AsyncRuntimeError("cannot schedule new futures after shutdown");
        }
        CompletableFuture<R> result = new CompletableFuture<>();
        Thread.ofVirtual().name("jaio-process-pool-dispatch").start(() -> {
            Worker w;
            try {
                w = idle.take();
            } catch (InterruptedException e) {
                result.completeExceptionally(e);
                return;
            }
            try {
                @SuppressWarnings("unchecked")
                R r = (R) w.call(fn, arg);
                result.complete(r);
            } catch (Throwable t) {
                result.completeExceptionally(t instanceof CompletionException c && c.getCause() != null ? c.getCause() : t);
            } finally {
                if (!closed) {
                    idle.add(w);
                }
            }
        });
        return result;
    }

    /** Stops the workers (leaving Python's {@code with Pool()} block terminates them too). */
    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            w.stop();
        }
    }

    /** One worker process and the object streams to it. Used by one dispatch thread at a time. */
    private static final class Worker {
        private final int index;
        private Process process;
        private ObjectOutputStream toWorker;
        private ObjectInputStream fromWorker;

        Worker(int index) {
            this.index = index;
        }

        synchronized Object call(SerializableFunction<?, ?> fn, Object arg) throws Exception {
            ensureStarted();
            toWorker.writeObject(new Object[] {fn, arg});
            toWorker.flush();
            toWorker.reset();
            Object[] answer = (Object[]) fromWorker.readObject();
            if (answer[0] instanceof Throwable t) {
                throw t instanceof Exception e ? e : new CompletionException(t);
            }
            return answer[1];
        }

        private void ensureStarted() throws IOException {
            if (process != null && process.isAlive()) {
                return;
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), ProcessPoolWorker.class.getName());
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            process = pb.start();
            toWorker = new ObjectOutputStream(new BufferedOutputStream(process.getOutputStream()));
            toWorker.flush();
            fromWorker = new ObjectInputStream(new BufferedInputStream(process.getInputStream()));
        }

        synchronized void stop() {
            if (process != null) {
                try {
                    toWorker.close();
                } catch (IOException ignored) {
                    // The worker may already be gone; it is destroyed below either way.
                }
                process.destroy();
            }
        }

        @Override
        public String toString() {
            return "<ProcessPool worker " + index + (process != null ? " pid=" + process.pid() : "") + ">";
        }
    }
}
