package jaio.kernel;

import static jaio.kernel.JupyterTestClient.Channel.CONTROL;
import static jaio.kernel.JupyterTestClient.Channel.SHELL;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import jaio.kernel.wire.ConnectionInfo;
import jaio.kernel.wire.Message;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The kernel as a real process, started the way a kernelspec starts it. */
@Timeout(30)
class KernelProcessTest {

    @TempDir
    Path dir;

    private Process kernel;

    @AfterEach
    void killLeftovers() {
        if (kernel != null && kernel.isAlive()) {
            kernel.destroyForcibly();
        }
    }

    private Process startKernel(ConnectionInfo info, Long parentPid) throws Exception {
        Path connectionFile = dir.resolve("kernel.json");
        Files.writeString(connectionFile, info.toJson().toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-cp", classPath, "jaio.kernel.Main",
                connectionFile.toString());
        pb.environment().put("JUPYTER_DATA_DIR", dir.resolve("data").toString());
        if (parentPid != null) {
            pb.environment().put("JPY_PARENT_PID", Long.toString(parentPid));
        } else {
            pb.environment().remove("JPY_PARENT_PID");
        }
        pb.redirectErrorStream(true).redirectOutput(dir.resolve("kernel.log").toFile());
        kernel = pb.start();
        return kernel;
    }

    private String log() throws Exception {
        File f = dir.resolve("kernel.log").toFile();
        return f.exists() ? Files.readString(f.toPath()) : "";
    }

    @Test
    void javaSessionAnswersAndShutdownEndsTheProcessPromptly() throws Exception {
        ConnectionInfo info = JupyterTestClient.freeConnection("process-key");
        Process p = startKernel(info, null);
        try (JupyterTestClient client = new JupyterTestClient(info)) {
            client.waitForReady(Duration.ofSeconds(15));

            JsonObject code = new JsonObject();
            code.addProperty("code", "1 + 1");
            Message cell = client.send(SHELL, "execute_request", code);
            Message cellReply = client.reply(SHELL, cell, Duration.ofSeconds(30));
            assertNotNull(cellReply, log());
            assertEquals("ok", cellReply.content().get("status").getAsString(), cellReply.content().toString());

            Message shutdown = client.send(CONTROL, "shutdown_request", new JsonObject());
            Message reply = client.reply(CONTROL, shutdown, Duration.ofSeconds(5));
            assertNotNull(reply, "no shutdown_reply; log:\n" + log());
            long start = System.nanoTime();
            boolean exited = p.waitFor(500, TimeUnit.MILLISECONDS);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(exited, "kernel still running 500 ms after shutdown_reply; log:\n" + log());
            assertEquals(0, p.exitValue(), log());
            System.out.println("kernel process exited " + ms + " ms after shutdown_reply");
        }
    }

    @Test
    void kernelExitsWhenItsParentDies() throws Exception {
        Process parent = new ProcessBuilder("sleep", "4").start();
        ConnectionInfo info = JupyterTestClient.freeConnection("");
        Process p = startKernel(info, parent.pid());
        try (JupyterTestClient client = new JupyterTestClient(info)) {
            client.waitForReady(Duration.ofSeconds(10)); // alive and serving while the parent lives
            assertTrue(parent.isAlive(), "the parent ended before the kernel was ready; the test proves nothing");
            assertTrue(p.isAlive());
        }
        assertTrue(parent.waitFor(10, TimeUnit.SECONDS));
        long start = System.nanoTime();
        boolean exited = p.waitFor(2, TimeUnit.SECONDS);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertTrue(exited, "kernel still running 2 s after its parent died; log:\n" + log());
        System.out.println("kernel process exited " + ms + " ms after its parent");
    }

    @Test
    void aMissingConnectionFileIsReportedClearly() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process p = new ProcessBuilder(java.toString(), "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED", "-cp", classPath, "jaio.kernel.Main",
                dir.resolve("missing.json").toString()).redirectErrorStream(true).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("cannot read the connection file"), out);
        assertTrue(List.of(out.split("\n")).size() < 5, "no stack trace expected: " + out);
    }
}
