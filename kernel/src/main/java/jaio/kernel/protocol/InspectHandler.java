package jaio.kernel.protocol;

import com.google.gson.JsonObject;
import jaio.kernel.language.LanguageSession;

/** inspect_request, delegated to the session. */
final class InspectHandler implements RequestHandler {

    private final LanguageSession session;

    InspectHandler(LanguageSession session) {
        this.session = session;
    }

    @Override
    public void handle(Request request) {
        String code = Json.string(request.content(), "code", "");
        int cursor = CursorPositions.cursorOf(request.content(), code);
        int detail = Json.integer(request.content(), "detail_level", 0);
        request.replyWhenDone(SessionCalls.call("inspect", () -> session.inspect(code, cursor, detail)).thenApply(i -> {
            JsonObject content = new JsonObject();
            content.addProperty("status", "ok");
            content.addProperty("found", i.found());
            JsonObject data = new JsonObject();
            if (i.found()) {
                data.addProperty("text/plain", i.text());
            }
            content.add("data", data);
            content.add("metadata", new JsonObject());
            return content;
        }));
    }
}
