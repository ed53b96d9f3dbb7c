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
import java.util.Map;

/**
 * A kernel subprocess (the real Main, as Jupyter starts it) and a test client connected to it,
 * with helpers that run a cell and collect what the frontend gets for it.
 */
final class RunningKernel implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(60);

    final JupyterTestClient client;
    private final Process process;
    final Path log;

    /** What one execute request produced: its reply and its iopub messages up to idle. */
    record CellRun(JsonObject reply, List<Message> iopub) {
        String status() {
            return reply.get("status").getAsString();
        }

        String stream(String name) {
            StringBuilder sb = new StringBuilder();
            for (Message m : iopub) {
                if (m.msgType().equals("stream") && m.content().get("name").getAsString().equals(name)) {
                    sb.append(m.content().get("text").getAsString());
                }
            }
            return sb.toString();
        }

        String stdout() {
            return stream("stdout");
        }

        List<Message> ofType(String type) {
            return iopub.stream().filter(m -> m.msgType().equals(type)).toList();
        }

        /** The data bundle of the execute_result, or null. */
        JsonObject result() {
            List<Message> r = ofType("execute_result");
            return r.isEmpty() ? null : r.getFirst().content().getAsJsonObject("data");
        }

        /** The traceback lines of an error reply, joined by line breaks. */
        String traceback() {
            return reply.has("traceback") ? String.join("\n", new com.google.gson.Gson().fromJson(reply.get("traceback"), String[].class)) : "";
        }

        /** "ename: evalue" of an error reply, for assertion messages. */
        String error() {
            return reply.has("ename") ? reply.get("ename").getAsString() + ": " + reply.get("evalue").getAsString() : "";
        }
    }

    RunningKernel(Path dir, Map<String, String> env, String... jvmOptions) throws IOException {
        ConnectionInfo info = JupyterTestClient.freeConnection("comforts-key");
        Path connectionFile = dir.resolve("connection.json");
        Files.writeString(connectionFile, info.toJson().toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(List.of(jvmOptions));
        cmd.addAll(List.of("-cp", classPath, "jaio.kernel.Main", connectionFile.toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("JUPYTER_DATA_DIR", dir.resolve("data").toString());
        pb.environment().remove("JPY_PARENT_PID");
        pb.environment().putAll(env);
        log = dir.resolve("kernel.log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        process = pb.start();
        client = new JupyterTestClient(info);
        client.waitForReady(WAIT);
    }

    long pid() {
        return process.pid();
    }

    Message send(String code) {
        return send(code, false, new JsonObject());
    }

    /** Sends an execute_request with the given stop_on_error and user_expressions. */
    Message send(String code, boolean stopOnError, JsonObject userExpressions) {
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
        if (reply == null) {
            throw new AssertionError("no execute_reply for " + request.content());
        }
        return reply.content();
    }

    /** Sends interrupt_request on the control channel and waits for its reply. */
    void interrupt() {
        Message interrupt = client.send(CONTROL, "interrupt_request", new JsonObject());
        if (client.reply(CONTROL, interrupt, WAIT) == null) {
            throw new AssertionError("no interrupt_reply");
        }
    }

    /** Runs {@code code} as a cell and waits for its reply and its idle status. */
    CellRun run(String code) {
        Message request = send(code);
        List<Message> iopub = client.iopubUntilIdle(request, WAIT);
        Message reply = client.reply(SHELL, request, WAIT);
        if (reply == null) {
            throw new AssertionError("no execute_reply for " + code);
        }
        return new CellRun(reply.content(), iopub);
    }

    @Override
    public void close() throws Exception {
        client.send(CONTROL, "shutdown_request", new JsonObject());
        client.close();
        if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
