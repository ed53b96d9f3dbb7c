package jaio.kernel;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test class whose tests share one real kernel process, as the cells of one notebook do: started
 * before the first test, shut down after the last. Test classes run one after the other (no
 * parallel execution is configured), so the one static kernel serves one class at a time.
 */
abstract class OneKernelPerClass {
    @TempDir
    static Path dir;
    static RunningKernel kernel;

    @BeforeAll
    static void startKernel() throws Exception {
        kernel = new RunningKernel(dir, Map.of());
    }

    @AfterAll
    static void stopKernel() throws Exception {
        if (kernel != null) {
            kernel.close();
            kernel = null;
        }
    }
}
