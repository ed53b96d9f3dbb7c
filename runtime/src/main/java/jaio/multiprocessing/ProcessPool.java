package jaio.multiprocessing;

import jaio.AsyncRuntimeError;
import jaio.KeyboardInterrupt;
import jaio.internal.ProcessPoolWorker;
import jaio.internal.Rethrow;

import jaio.internal.PoolProtocol;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Serializable;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A pool of worker processes for CPU-bound work: Python's {@code multiprocessing.Pool} /
 * {@code concurrent.futures.ProcessPoolExecutor}. Each worker is a JVM started with this JVM's
 * java; a task is a {@link SerializableFunction} and its argument, sent to an idle worker and
 * answered with the result (or the exception) over the worker's standard streams. Classes the
 * worker cannot load itself (defined in a notebook cell) are sent when it asks for them, what the
 * task prints comes back as this process's output, and a worker that dies fails its task with
 * {@link BrokenProcessPool} carrying the worker's last lines of stderr.
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

    /**
     * A pool of {@code processes} worker JVMs (Python's {@code
     * ProcessPoolExecutor(max_workers=processes)}).
     */
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

    /**
     * One worker process and the frames to and from it (see {@link PoolProtocol}). Used by one
     * dispatch thread at a time. The worker's standard error is copied to this process's, and its
     * last lines are kept: if the worker dies, they are the cause the caller sees.
     */
    private static final class Worker {
        private static final int ERROR_TAIL_LINES = 20;
        private final int index;
        private Process process;
        private DataOutputStream toWorker;
        private DataInputStream fromWorker;
        private final Deque<String> errorTail = new ArrayDeque<>();

        Worker(int index) {
            this.index = index;
        }

        synchronized Object call(SerializableFunction<?, ?> fn, Object arg) throws Exception {
            ClassLoader loader = loaderOf(fn);
            ensureStarted(loader);
            byte[] task = PoolProtocol.serialize(new Object[] {fn, arg});
            try {
                PoolProtocol.writeBytes(toWorker, PoolProtocol.TASK, task);
                while (true) {
                    byte kind = fromWorker.readByte();
                    switch (kind) {
                        case PoolProtocol.NEED_CLASS -> {
                            String name = fromWorker.readUTF();
                            PoolProtocol.writeClass(toWorker, name, PoolProtocol.classBytes(loader, name));
                        }
                        case PoolProtocol.OUTPUT -> {
                            System.out.write(PoolProtocol.readBytes(fromWorker));
                            System.out.flush();
                        }
                        case PoolProtocol.RESULT -> {
                            Object[] answer = (Object[]) PoolProtocol.deserialize(PoolProtocol.readBytes(fromWorker), loader);
                            if (answer[0] instanceof Throwable t) {
                                throw t instanceof Exception e ? e : new CompletionException(t);
                            }
                            return answer[1];
                        }
                        default -> throw new IOException("unexpected frame " + kind + " from " + this);
                    }
                }
            } catch (IOException e) {
                throw broken(e);
            }
        }

        /** The worker died or garbled its answer: Python's BrokenProcessPool, with the worker's last words. */
        private BrokenProcessPool broken(IOException e) throws InterruptedException {
            process.waitFor(2, TimeUnit.SECONDS);
            String exit = process.isAlive() ? "still running" : "exit code " + process.exitValue();
            String tail;
            synchronized (errorTail) {
                tail = String.join("\n", errorTail);
            }
            process.destroy();
            return new BrokenProcessPool("A process in the process pool was terminated abruptly while the future was running ("
                    + exit + ")" + (tail.isEmpty() ? "" : "; its last output on stderr:\n" + tail), e);
        }

        /** The loader that knows the function's classes (a notebook cell's loader, or the application's). */
        private static ClassLoader loaderOf(Object fn) {
            ClassLoader l = fn.getClass().getClassLoader();
            return l != null ? l : ClassLoader.getSystemClassLoader();
        }

        private void ensureStarted(ClassLoader loader) throws IOException {
            if (process != null && process.isAlive()) {
                return;
            }
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-XX:+UseSerialGC", "--enable-native-access=ALL-UNNAMED",
                    "-cp", workerClassPath(loader), ProcessPoolWorker.class.getName());
            process = pb.start();
            toWorker = new DataOutputStream(new BufferedOutputStream(process.getOutputStream()));
            fromWorker = new DataInputStream(new BufferedInputStream(process.getInputStream()));
            Process p = process;
            Thread.ofPlatform().daemon(true).name("jaio-process-pool-stderr-" + index).start(() -> copyErrors(p));
        }

        /**
         * The application's class path when the function comes from it (the worker then loads
         * everything itself); else only the jaio runtime: the caller's other classes (a notebook
         * cell's, its %classpath) travel on demand, and a host's own libraries stay out of sight.
         */
        private static String workerClassPath(ClassLoader loader) {
            for (ClassLoader l = ClassLoader.getSystemClassLoader(); l != null; l = l.getParent()) {
                if (l == loader) {
                    return System.getProperty("java.class.path");
                }
            }
            try {
                return Path.of(ProcessPoolWorker.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
            } catch (URISyntaxException e) {
                throw new IllegalStateException("cannot locate the jaio runtime for the worker's class path", e);
            }
        }

        private void copyErrors(Process p) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    System.err.println(line);
                    synchronized (errorTail) {
                        errorTail.addLast(line);
                        if (errorTail.size() > ERROR_TAIL_LINES) {
                            errorTail.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // The worker is gone; what it wrote is kept for the error report.
            }
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
