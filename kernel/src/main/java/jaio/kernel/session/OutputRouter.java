package jaio.kernel.session;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Replaces {@code System.out} and {@code System.err}, once per JVM, by streams that send each write
 * to the output buffer of the cell the writing code belongs to ({@link CurrentCell}). Before any
 * cell ran, writes go to the streams the JVM started with ({@link #kernelOut()},
 * {@link #kernelErr()}), which the kernel's own diagnostics keep using.
 */
final class OutputRouter {
    private static PrintStream kernelOut = System.out;
    private static PrintStream kernelErr = System.err;
    private static boolean installed;

    private OutputRouter() {}

    static synchronized void install() {
        if (installed) {
            return;
        }
        kernelOut = System.out;
        kernelErr = System.err;
        System.setOut(new PrintStream(new Routed("stdout", kernelOut), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new Routed("stderr", kernelErr), true, StandardCharsets.UTF_8));
        installed = true;
    }

    /** The JVM's original standard output. */
    static synchronized PrintStream kernelOut() {
        return kernelOut;
    }

    /** The JVM's original standard error: for the kernel's own messages. */
    static synchronized PrintStream kernelErr() {
        return kernelErr;
    }

    private static final class Routed extends OutputStream {
        private final String stream;
        private final PrintStream fallback;

        Routed(String stream, PrintStream fallback) {
            this.stream = stream;
            this.fallback = fallback;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            CurrentCell.Target target = CurrentCell.outputTarget();
            if (target == null) {
                fallback.write(b, off, len);
                fallback.flush();
            } else if (target.marked()) {
                byte[] marked = markLines(b, off, len);
                target.cell().output.write(stream, marked, 0, marked.length);
            } else {
                target.cell().output.write(stream, b, off, len);
            }
        }
    }

    /** Whether the next byte this thread writes of unknown origin starts a line. */
    private static final ThreadLocal<Boolean> AT_LINE_START = ThreadLocal.withInitial(() -> true);

    /**
     * Output of unknown origin, with {@code [thread NAME] } in front of each line, so that the
     * reader of the cell it lands in can tell it does not come from that cell's code.
     */
    private static byte[] markLines(byte[] b, int off, int len) {
        Thread t = Thread.currentThread();
        String name = t.getName().isEmpty() ? (t.isVirtual() ? "virtual #" : "#") + t.threadId() : t.getName();
        byte[] prefix = ("[thread " + name + "] ").getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(len + prefix.length);
        boolean atStart = AT_LINE_START.get();
        for (int i = off; i < off + len; i++) {
            if (atStart) {
                out.write(prefix, 0, prefix.length);
            }
            out.write(b[i]);
            atStart = b[i] == '\n';
        }
        AT_LINE_START.set(atStart);
        return out.toByteArray();
    }
}
