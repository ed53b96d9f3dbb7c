package jaio.kernel.session;

import jaio.KeyboardInterrupt;
import jaio.Loop;
import jaio.SystemExit;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;

/**
 * Builds a session's moving parts, once, on the thread that starts the session: the per-cell
 * routing of System.out/err/in (once per JVM), the class loaders of the class-loader wall, the
 * kernel loop on its own thread, and the JShell with its prelude. Nothing here runs again after
 * {@link #boot} returned.
 */
final class SessionBootstrap {
    private static final long LOOP_STACK_BYTES = 64L << 20;

    /**
     * A started session's parts: the loop and its thread, the JShell and the execution engine;
     * {@code direct} is null when cells cannot bypass JShell's pipeline ({@link DirectRun}).
     */
    record Started(Loop loop, Thread loopThread, LockedJShell shell, SessionExecutionControl control, KeptVariables keptVariables,
            VariableValues variables, SnippetHistory history, DirectRun direct) {

        /** Stops the loop (waiting up to 2 s for its thread) and closes JShell. */
        void close() {
            loop.allowNestedLoops(false);
            loop.stop();
            try {
                loopThread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            shell.close();
        }
    }

    private SessionBootstrap() {}

    /** Starts the loop, builds JShell and evaluates the prelude ({@link Prelude}); blocks until cells can run. */
    static Started boot() {
        OutputRouter.install();
        // Charts and images are drawn off screen: no display is needed, nor is one there.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        InputRouter.install();
        ClassLoader kernelLoader = SessionBootstrap.class.getClassLoader();
        SnippetClassLoader snippets = new SnippetClassLoader(new KernelVisibleLoader(kernelLoader));
        SessionExecutionControl control = new SessionExecutionControl(new SnippetLoaderDelegate(snippets));

        Loop loop = new Loop();
        // Seed code written as a script runs in a cell as written: run(main()) and new loops get a
        // thread of their own; getEventLoop().runUntilComplete(f) / runForever() wait in the cell's task.
        loop.allowNestedLoops(true);
        loop.setDefaultExecutor(new CellPropagatingExecutor());
        // A task a cell started that fails with nobody awaiting it shows its error in that cell at once.
        loop.setReportUnobservedFailures(true);
        CountDownLatch running = new CountDownLatch(1);
        Thread loopThread = Thread.ofPlatform().name("jaio-kernel-loop").daemon(true).stackSize(LOOP_STACK_BYTES)
                .unstarted(() -> {
                    CurrentCell.trackLoop(loop);
                    loop.callSoon(running::countDown);
                    // The loop must outlive anything a cell does (an OutOfMemoryError can hit the
                    // loop's own code): after a failure it goes on, until the session stops it.
                    while (!loop.isClosed()) {
                        try {
                            loop.runForever();
                            return;
                        } catch (KeyboardInterrupt | SystemExit t) {
                            // Raised in a task, they leave the loop's run as in asyncio; here that
                            // means the cell that raised them ends (its task holds the exception).
                        } catch (Throwable t) {
                            OutputRouter.kernelErr().println("jaio: the kernel loop failed and continues: " + t);
                        }
                    }
                });
        // Task threads are created by the loop thread and inherit this: user code's TCCL sees user classes.
        loopThread.setContextClassLoader(snippets);
        loopThread.start();
        awaitUninterruptibly(running);

        LockedJShell shell = new LockedJShell(buildJShell(control), control.analysisLock());
        shell.call(SessionBootstrap::evalPrelude);
        KeptVariables kept = shell.call(js -> new KeptVariables(js, control.loaderDelegate()));
        return new Started(loop, loopThread, shell, control, kept, new VariableValues(control.loaderDelegate()),
                shell.call(js -> SnippetHistory.of(js, control.loaderDelegate()::release)), DirectRun.of(shell, control));
    }

    /**
     * JShell compiles against {@code java.class.path} read when it is built (and re-applied on
     * addToClasspath); the kernel's class path would show JeroMQ and Gson to the compiler. So the
     * property holds only the jaio runtime and this module while JShell is built, and the compiler's
     * path is then set explicitly once.
     */
    private static JShell buildJShell(SessionExecutionControl control) {
        String compilePath = location(Loop.class) + File.pathSeparator + location(SessionBootstrap.class);
        synchronized (System.getProperties()) {
            String saved = System.getProperty("java.class.path");
            System.setProperty("java.class.path", compilePath);
            control.ignoreClasspathChanges(true);
            try {
                JShell js = JShell.builder().executionEngine(control.provider(), Map.of())
                        .fileManager(UnindexedJdkFileManager::new).build();
                js.addToClasspath(location(Loop.class));
                return js;
            } finally {
                control.ignoreClasspathChanges(false);
                if (saved == null) {
                    System.clearProperty("java.class.path");
                } else {
                    System.setProperty("java.class.path", saved);
                }
            }
        }
    }

    private static String location(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the classes of " + c, e);
        }
    }

    private static Void evalPrelude(JShell jshell) {
        for (String imp : Prelude.imports()) {
            for (SnippetEvent e : jshell.eval(imp)) {
                if (e.status() == Snippet.Status.REJECTED) {
                    OutputRouter.kernelErr().println("jaio: prelude import rejected: " + imp);
                }
            }
        }
        return null;
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
