package jaio.internal;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Function;

/**
 * The main class of a {@link jaio.multiprocessing.ProcessPool} worker process: runs the tasks that
 * arrive on standard input and answers on standard output, in {@link PoolProtocol} frames, until
 * its input ends. Classes it cannot load from its own class path (a notebook cell's) it asks the
 * pool for. What a task prints on System.out travels to the pool as OUTPUT frames; System.err is
 * the process's own standard error, which the pool shows too.
 */
public final class ProcessPoolWorker {
    private final DataInputStream in;
    private final DataOutputStream out;
    private final ClassLoader loader;

    private ProcessPoolWorker(DataInputStream in, DataOutputStream out) {
        this.in = in;
        this.out = out;
        this.loader = new PoolClassLoader(ProcessPoolWorker.class.getClassLoader());
    }

    public static void main(String[] args) throws Exception {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(System.out));
        DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
        ProcessPoolWorker worker = new ProcessPoolWorker(in, out);
        System.setOut(new PrintStream(worker.new OutputFrames(), true, StandardCharsets.UTF_8));
        worker.serve();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void serve() throws IOException {
        Thread.currentThread().setContextClassLoader(loader);
        while (true) {
            byte kind;
            try {
                kind = in.readByte();
            } catch (EOFException end) {
                return;
            }
            if (kind != PoolProtocol.TASK) {
                throw new IOException("process pool worker: unexpected frame " + kind);
            }
            byte[] task = PoolProtocol.readBytes(in);
            Object[] answer;
            try {
                Object[] fnAndArg = (Object[]) PoolProtocol.deserialize(task, loader);
                answer = new Object[] {null, ((Function) fnAndArg[0]).apply(fnAndArg[1])};
            } catch (Throwable t) {
                answer = new Object[] {t, null};
            }
            System.out.flush();
            byte[] reply;
            try {
                reply = PoolProtocol.serialize(answer);
            } catch (NotSerializableException e) {
                Throwable t = answer[0] != null ? (Throwable) answer[0] : e;
                RuntimeException plain = new RuntimeException(answer[0] != null ? t.toString()
                        : "the result cannot be sent back: " + e.getMessage() + " is not Serializable");
                plain.setStackTrace(t.getStackTrace());
                reply = PoolProtocol.serialize(new Object[] {plain, null});
            }
            synchronized (out) {
                PoolProtocol.writeBytes(out, PoolProtocol.RESULT, reply);
            }
        }
    }

    /** Asks the pool for the bytes of a class; one request at a time, answered in order. */
    private byte[] askForClass(String name) throws IOException {
        synchronized (out) {
            out.writeByte(PoolProtocol.NEED_CLASS);
            out.writeUTF(name);
            out.flush();
            if (in.readByte() != PoolProtocol.CLASS) {
                throw new IOException("process pool worker: expected a class frame for " + name);
            }
            String answered = in.readUTF();
            int length = in.readInt();
            if (!answered.equals(name)) {
                throw new IOException("process pool worker: asked for " + name + ", got " + answered);
            }
            if (length < 0) {
                return null;
            }
            byte[] bytes = new byte[length];
            in.readFully(bytes);
            return bytes;
        }
    }

    /** Loads from the worker's class path first, else the bytes the pool sends. */
    private final class PoolClassLoader extends ClassLoader {
        PoolClassLoader(ClassLoader parent) {
            super("jaio-process-pool", parent);
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            byte[] bytes;
            try {
                bytes = askForClass(name);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
            if (bytes == null) {
                throw new ClassNotFoundException(name + " (neither on the worker's class path nor known to the pool's caller)");
            }
            return defineClass(name, bytes, 0, bytes.length);
        }
    }

    /** System.out of the task: its bytes go to the pool in OUTPUT frames. */
    private final class OutputFrames extends OutputStream {
        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (out) {
                try {
                    PoolProtocol.writeBytes(out, PoolProtocol.OUTPUT, Arrays.copyOfRange(b, off, off + len));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
