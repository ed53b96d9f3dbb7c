package jaio.kernel.session;

import jaio.Async;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/**
 * Runs a shell command for a cell ({@code !cmd}, {@code %%bash}): its standard output and error
 * stream into the cell as they come; the cell's task awaits the process's exit, so other tasks
 * keep running; interrupting the cell kills the process and its children.
 */
final class ShellCommand {
    private ShellCommand() {}

    /** Runs {@code argv} (stdin closed) and returns its exit status. */
    static int run(List<String> argv, Cell cell) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        ShellEnvironment.applyTo(pb);
        Process p = pb.start();
        Thread out = pump(p.getInputStream(), "stdout", cell);
        Thread err = pump(p.getErrorStream(), "stderr", cell);
        try {
            Async.await(p.onExit());
            // Exited: the pipes end soon after; wait off the loop so nothing printed last is lost.
            Async.await(Async.toThread(() -> {
                out.join();
                err.join();
                return null;
            }));
            return p.exitValue();
        } catch (Throwable t) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw t;
        }
    }

    /**
     * A platform thread: a virtual thread started from a task would be carried by the loop's
     * thread, and a blocking pipe read pins its carrier, which would stop the loop.
     */
    private static Thread pump(InputStream in, String stream, Cell cell) {
        return Thread.ofPlatform().daemon().name("jaio-shell-" + stream).start(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    cell.output.write(stream, buf, 0, n);
                }
            } catch (IOException e) {
                // The process was killed: its pipe closed.
            }
        });
    }
}
