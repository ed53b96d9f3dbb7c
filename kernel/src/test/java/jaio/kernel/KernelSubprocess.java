package jaio.kernel;

import static jaio.kernel.JupyterTestClient.Channel.CONTROL;
import static jaio.kernel.JupyterTestClient.Channel.SHELL;

import com.google.gson.JsonObject;
import jaio.kernel.wire.ConnectionInfo;
import jaio.kernel.wire.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real kernel process (the test class path, {@code jaio.kernel.Main}) and a client connected to
 * it, for tests that need the kernel as a frontend sees it: its own JVM, its real stderr kept in
 * {@link #log()}, its memory measurable by pid.
 */
final class KernelSubprocess implements AutoCloseable {

    private final Process process;
    private final JupyterTestClient client;
    private final Path log;

    private KernelSubprocess(Process process, JupyterTestClient client, Path log) {
        this.process = process;
        this.client = client;
        this.log = log;
    }

    /** Starts a kernel with {@code jvmOptions} in addition to the ones every kernel needs, and waits until it answers. */
    static KernelSubprocess start(Path dir, String key, List<String> jvmOptions) throws IOException {
        ConnectionInfo info = JupyterTestClient.freeConnection(key);
        Path connectionFile = dir.resolve("connection.json");
        Files.writeString(connectionFile, info.toJson().toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens=java.base/java.lang=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, "jaio.kernel.Main", connectionFile.toString()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("JUPYTER_DATA_DIR", dir.resolve("data").toString());
        pb.environment().remove("JPY_PARENT_PID");
        Path log = dir.resolve("kernel.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = pb.start();
        JupyterTestClient client = new JupyterTestClient(info);
        try {
            client.waitForReady(Duration.ofSeconds(60));
        } catch (AssertionError e) {
            client.close();
            process.destroyForcibly();
            throw e;
        }
        return new KernelSubprocess(process, client, log);
    }

    JupyterTestClient client() {
        return client;
    }

    long pid() {
        return process.pid();
    }

    /** What the kernel wrote to its stdout and stderr so far. */
    String log() throws IOException {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    /** Sends an execute_request (stop_on_error false, so one failing test cell does not abort the next). */
    Message execute(String code, boolean allowStdin) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.addProperty("allow_stdin", allowStdin);
        c.addProperty("stop_on_error", false);
        return client.send(SHELL, "execute_request", c);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            client.send(CONTROL, "shutdown_request", new JsonObject());
        } finally {
            client.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
