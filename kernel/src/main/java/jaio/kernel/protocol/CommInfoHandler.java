package jaio.kernel.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import jaio.kernel.protocol.comm.CommManager;

/** comm_info_request: the open comms, optionally only those of one target. */
final class CommInfoHandler implements RequestHandler {

    private final CommManager comms;

    CommInfoHandler(CommManager comms) {
        this.comms = comms;
    }

    @Override
    public boolean answersAtOnce() {
        return true;
    }

    @Override
    public void handle(Request request) {
        JsonElement target = request.content().get("target_name");
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.add("comms", comms.info(target != null && target.isJsonPrimitive() ? target.getAsString() : null));
        request.reply(content);
    }
}
