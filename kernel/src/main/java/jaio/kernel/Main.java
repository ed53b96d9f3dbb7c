package jaio.kernel;

import jaio.kernel.protocol.Kernel;
import jaio.kernel.protocol.ParentProcessWatch;
import jaio.kernel.protocol.SessionFactory;
import jaio.kernel.protocol.history.FileHistoryStore;
import jaio.kernel.protocol.history.HistoryStore;
import jaio.kernel.session.JavaSession;
import jaio.kernel.wire.ConnectionInfo;
import jaio.kernel.wire.KernelLog;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The kernel process: {@code java ... jaio.kernel.Main <connection-file>}, as a kernelspec's argv
 * runs it. Runs until shutdown or the parent's death, then exits the JVM (a cell's stray non-daemon
 * threads must not keep a dead kernel alive).
 */
public final class Main {
    /**
     * The connection file among the arguments: {@code -f FILE}, or the first argument. Frontends
     * such as {@code jupyter run} append arguments of their own, which are ignored (ipykernel does
     * the same).
     */
    static String connectionFileArgument(String[] args) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals("-f") || args[i].equals("--f")) {
                return args[i + 1];
            }
        }
        for (String a : args) {
            if (a.startsWith("--f=") || a.startsWith("-f=")) {
                return a.substring(a.indexOf('=') + 1);
            }
        }
        for (String a : args) {
            if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }


    private Main() {
    }

    public static void main(String[] args) {
        if (args.length == 1 && args[0].equals("--aot-training")) {
            System.exit(AotTraining.run());
        }
        System.exit(run(args, JavaSession::open));
    }

    /** Runs a kernel with {@code sessions} until it stops; returns the process exit status. */
    public static int run(String[] args, SessionFactory sessions) {
        String file = connectionFileArgument(args);
        if (file == null) {
            System.err.println("usage: java jaio.kernel.Main [-f] <connection-file.json>");
            return 2;
        }
        ConnectionInfo info;
        try {
            info = ConnectionInfo.read(Path.of(file));
        } catch (IOException | RuntimeException e) {
            System.err.println("jaio: cannot read the connection file " + file + ": " + e.getMessage());
            return 2;
        }
        HistoryStore history;
        try {
            history = FileHistoryStore.openDefault();
        } catch (IOException e) {
            KernelLog.error("history disabled: cannot open " + FileHistoryStore.defaultFile(), e);
            history = HistoryStore.none();
        }
        Kernel.Builder builder = Kernel.builder(info).session(sessions).history(history);
        ParentProcessWatch.parentPidFromEnvironment().ifPresent(builder::watchParent);
        Kernel kernel;
        try {
            kernel = builder.start();
        } catch (RuntimeException e) {
            System.err.println("jaio: cannot start the kernel: " + e.getMessage());
            return 1;
        }
        kernel.terminated().join();
        return 0;
    }
}
