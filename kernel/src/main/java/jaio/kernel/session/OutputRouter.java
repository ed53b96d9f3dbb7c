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
            Cell cell = CurrentCell.ofRunningCodeOrRecent();
            if (cell == null) {
                fallback.write(b, off, len);
                fallback.flush();
            } else {
                cell.output.write(stream, b, off, len);
            }
        }
    }
}
