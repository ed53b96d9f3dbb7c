package jaio.kernel;

import static jaio.kernel.JupyterTestClient.Channel.CONTROL;
import static jaio.kernel.JupyterTestClient.Channel.SHELL;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import jaio.kernel.wire.ConnectionInfo;
import jaio.kernel.wire.Message;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real kernel subprocess (started as a kernelspec starts it) and a {@link JupyterTestClient}
 * connected to it, with the few calls end-to-end tests make over and over.
 */
final class RunningKernel implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    final JupyterTestClient client;
    final Process process;
    private final Path log;

    private RunningKernel(JupyterTestClient client, Process process, Path log) {
        this.client = client;
        this.process = process;
        this.log = log;
    }

    /** Starts a kernel whose files (connection file, log, Jupyter data) live in {@code dir}. */
    static RunningKernel start(Path dir) throws Exception {
        ConnectionInfo info = JupyterTestClient.freeConnection("e2e-key");
        Path connectionFile = dir.resolve("connection.json");
        Files.writeString(connectionFile, info.toJson().toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "-cp", classPath, "jaio.kernel.Main", connectionFile.toString());
        pb.environment().put("JUPYTER_DATA_DIR", dir.resolve("data").toString());
        pb.environment().remove("JPY_PARENT_PID");
        Path log = dir.resolve("kernel.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        Process process = pb.start();
        JupyterTestClient client = new JupyterTestClient(info);
        client.waitForReady(WAIT);
        return new RunningKernel(client, process, log);
    }

    /** Sends {@code code} as an execute_request (stop_on_error false unless asked). */
    Message execute(String code) {
        return execute(code, false, new JsonObject());
    }

    Message execute(String code, boolean stopOnError, JsonObject userExpressions) {
        JsonObject c = new JsonObject();
        c.addProperty("code", code);
        c.addProperty("silent", false);
        c.addProperty("store_history", true);
        c.addProperty("allow_stdin", false);
        c.addProperty("stop_on_error", stopOnError);
        c.add("user_expressions", userExpressions);
        return client.send(SHELL, "execute_request", c);
    }

    /** The content of the execute_reply to {@code request}. */
    JsonObject replyTo(Message request) {
        Message reply = client.reply(SHELL, request, WAIT);
        assertNotNull(reply, "no execute_reply for " + request.content());
        return reply.content();
    }

    /** The text/plain of the execute_result of {@code request}. */
    String result(Message request) {
        Message r = client.iopub(request, "execute_result", WAIT);
        assertNotNull(r, "no execute_result for " + request.content());
        return r.content().getAsJsonObject("data").get("text/plain").getAsString();
    }

    /** The iopub messages of {@code request} up to its idle. */
    List<Message> untilIdle(Message request) {
        return client.iopubUntilIdle(request, WAIT);
    }

    /** The text of the {@code name} stream ("stdout" or "stderr") among {@code messages}. */
    static String stream(List<Message> messages, String name) {
        StringBuilder sb = new StringBuilder();
        for (Message m : messages) {
            if (m.msgType().equals("stream") && m.content().get("name").getAsString().equals(name)) {
                sb.append(m.content().get("text").getAsString());
            }
        }
        return sb.toString();
    }

    /** The traceback of an error reply, one string. */
    static String traceback(JsonObject errorReply) {
        return String.join("\n", new Gson().fromJson(errorReply.get("traceback"), String[].class));
    }

    /** Sends interrupt_request on control and waits for its reply. */
    void interrupt() {
        Message interrupt = client.send(CONTROL, "interrupt_request", new JsonObject());
        assertNotNull(client.reply(CONTROL, interrupt, WAIT), "no interrupt_reply");
    }

    String log() throws Exception {
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close() throws Exception {
        client.send(CONTROL, "shutdown_request", new JsonObject());
        client.close();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
