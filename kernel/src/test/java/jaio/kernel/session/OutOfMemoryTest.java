package jaio.kernel.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A cell that exhausts the heap (in a separate JVM with a small heap) leaves a working session. */
class OutOfMemoryTest {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void theSessionAnswersAfterACellRanOutOfMemory() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx96m", "--add-opens=java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), OomProbe.class.getName());
        pb.redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS));
        String text = new String(out, StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        assertTrue(lines.contains("cell3 error java.lang.OutOfMemoryError"), text);
        assertTrue(lines.contains("cell4 ok 16777216"), text);
        assertTrue(lines.contains("cell5 ok \"alive\""), text);
        assertEquals(0, p.exitValue(), text);
        System.out.println(text);
    }
}
