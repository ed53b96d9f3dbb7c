package jaio.kernel.magic;

import jaio.Async;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/**
 * Runs a shell command for a cell ({@code !cmd}, {@code %%bash}): its standard output and error
 * stream into the cell as they come; the cell's task awaits the process's exit, so other tasks
 * keep running; interrupting the cell kills the process and its children.
 */
final class ShellCommand {
    private ShellCommand() {}

    /** On the cell's task: runs {@code argv} (stdin empty) and returns its exit status. */
    static int run(List<String> argv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        ShellEnvironment.applyTo(pb);
        Process p = pb.start();
        Thread out = pump(p.getInputStream(), System.out);
        Thread err = pump(p.getErrorStream(), System.err);
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
     * Copies {@code in} to {@code to} as it comes. {@code System.out} of a thread started by the cell's
     * task goes to that cell. A platform thread: a virtual thread started from a task would be carried
     * by the loop's thread, and a blocking pipe read pins its carrier, which would stop the loop.
     */
    private static Thread pump(InputStream in, PrintStream to) {
        return Thread.ofPlatform().daemon().name("jaio-shell-pipe").start(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    to.write(buf, 0, n);
                    to.flush();
                }
            } catch (IOException e) {
                // The process was killed: its pipe closed.
            }
        });
    }
}
