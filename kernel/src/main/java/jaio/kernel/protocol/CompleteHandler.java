package jaio.kernel.protocol;

import com.google.gson.JsonObject;
import jaio.kernel.language.LanguageSession;

/** complete_request, delegated to the session; positions converted between code points and Java indices. */
final class CompleteHandler implements RequestHandler {

    private final LanguageSession session;

    CompleteHandler(LanguageSession session) {
        this.session = session;
    }

    @Override
    public void handle(Request request) {
        String code = Json.string(request.content(), "code", "");
        int cursor = CursorPositions.cursorOf(request.content(), code);
        request.replyWhenDone(SessionCalls.call("complete", () -> session.complete(code, cursor)).thenApply(c -> {
            JsonObject content = new JsonObject();
            content.addProperty("status", "ok");
            content.add("matches", Json.strings(c.matches()));
            content.addProperty("cursor_start", CursorPositions.toCodePoints(code, c.cursorStart()));
            content.addProperty("cursor_end", CursorPositions.toCodePoints(code, c.cursorEnd()));
            content.add("metadata", new JsonObject());
            return content;
        }));
    }
}
