package jaio.kernel.protocol;

import com.google.gson.JsonObject;
import java.util.function.Consumer;

/**
 * shutdown_request: replies (echoing {@code restart}), also publishes the reply on iopub as ipykernel
 * does so every client learns of it, then stops the kernel. The reply goes out before the sockets
 * close; their linger flushes it.
 */
final class ShutdownHandler implements RequestHandler {

    private final Iopub iopub;
    private final Consumer<Boolean> stopKernel;

    ShutdownHandler(Iopub iopub, Consumer<Boolean> stopKernel) {
        this.iopub = iopub;
        this.stopKernel = stopKernel;
    }

    @Override
    public void handle(Request request) {
        boolean restart = Json.bool(request.content(), "restart", false);
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("restart", restart);
        iopub.publish(request.message().header(), "shutdown_reply", content.deepCopy());
        request.reply(content);
        stopKernel.accept(restart);
    }
}
