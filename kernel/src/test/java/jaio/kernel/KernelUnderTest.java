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
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real kernel process (jaio.kernel.Main on the test class path) and a Jupyter client connected to
 * it, as a front end starts one: for tests that drive cells over the protocol.
 */
final class KernelUnderTest implements AutoCloseable {
    private final Process process;
    final JupyterTestClient client;
    final Path log;

    private KernelUnderTest(Process process, JupyterTestClient client, Path log) {
        this.process = process;
        this.client = client;
        this.log = log;
    }

    /** Starts a kernel whose connection file, data dir and log live in {@code dir}; waits until it answers. */
    static KernelUnderTest start(Path dir, Duration ready) throws IOException {
        ConnectionInfo info = JupyterTestClient.freeConnection("test-key");
        Path connectionFile = dir.resolve("connection.json");
        Files.writeString(connectionFile, info.toJson().toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-cp", classPath, "jaio.kernel.Main", connectionFile.toString());
        pb.environment().put("JUPYTER_DATA_DIR", dir.resolve("data").toString());
        pb.environment().remove("JPY_PARENT_PID");
        Path log = dir.resolve("kernel.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = pb.start();
        JupyterTestClient client = new JupyterTestClient(info);
        client.waitForReady(ready);
        return new KernelUnderTest(process, client, log);
    }

    /** Sends an execute_request for {@code code}, as a notebook front end does. */
    Message execute(String code) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.addProperty("allow_stdin", false);
        c.addProperty("stop_on_error", true);
        return client.send(SHELL, "execute_request", c);
    }

    /** The execute_reply to {@code request}; AssertionError if none comes within {@code wait}. */
    JsonObject reply(Message request, Duration wait) {
        Message reply = client.reply(SHELL, request, wait);
        if (reply == null) {
            throw new AssertionError("no execute_reply within " + wait + " for " + request.content());
        }
        return reply.content();
    }

    /** Sends interrupt_request on the control channel and waits for its reply. */
    void interrupt(Duration wait) {
        Message interrupt = client.send(CONTROL, "interrupt_request", new JsonObject());
        if (client.reply(CONTROL, interrupt, wait) == null) {
            throw new AssertionError("no interrupt_reply within " + wait);
        }
    }

    /** The text of the {@code name} (stdout, stderr) streams among {@code messages}, in order. */
    static String stream(List<Message> messages, String name) {
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) {
            if (m.msgType().equals("stream") && m.content().get("name").getAsString().equals(name)) {
                sb.append(m.content().get("text").getAsString());
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            client.send(CONTROL, "shutdown_request", new JsonObject());
            client.close();
        } finally {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
