package jaio.kernel;

import jaio.kernel.protocol.Kernel;
import jaio.kernel.protocol.history.FileHistoryStore;
import jaio.kernel.wire.ConnectionInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/** A kernel with a {@link FakeSession} on free ports, plus a connected and ready client. */
final class InProcessKernel implements AutoCloseable {

    final ConnectionInfo info;
    final FakeSession session = new FakeSession();
    final Kernel kernel;
    final JupyterTestClient client;

    InProcessKernel(Path historyFile) throws IOException {
        info = JupyterTestClient.freeConnection("secret-key");
        kernel = Kernel.builder(info)
                .session(services -> session)
                .history(FileHistoryStore.open(historyFile))
                .start();
        client = new JupyterTestClient(info);
        client.waitForReady(Duration.ofSeconds(10));
    }

    @Override
    public void close() throws InterruptedException {
        client.close();
        kernel.stop(false);
        if (!kernel.awaitTermination(Duration.ofSeconds(5))) {
            throw new AssertionError("kernel did not stop within 5 s");
        }
    }
}
