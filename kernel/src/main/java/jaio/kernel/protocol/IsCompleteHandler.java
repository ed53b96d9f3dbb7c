package jaio.kernel.protocol;

import com.google.gson.JsonObject;
import jaio.kernel.language.IsCompleteResult;
import jaio.kernel.language.LanguageSession;

/** is_complete_request, delegated to the session; {@code indent} is sent only for incomplete code, as the spec says. */
final class IsCompleteHandler implements RequestHandler {

    private final LanguageSession session;

    IsCompleteHandler(LanguageSession session) {
        this.session = session;
    }

    @Override
    public void handle(Request request) {
        String code = Json.string(request.content(), "code", "");
        request.replyWhenDone(SessionCalls.call("is_complete", () -> session.isComplete(code)).thenApply(r -> {
            JsonObject content = new JsonObject();
            content.addProperty("status", r.status().wireName());
            if (r.status() == IsCompleteResult.Status.INCOMPLETE) {
                content.addProperty("indent", r.indent() == null ? "" : r.indent());
            }
            return content;
        }));
    }
}
