package jaio.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** kernel_info_request: who the kernel is and which language it runs. Answered at once, even mid-cell. */
public final class KernelInfoHandler implements RequestHandler {

    public static final String IMPLEMENTATION = "jaio";
    public static final String IMPLEMENTATION_VERSION = "0.1.0";

    private final LanguageSession session;

    KernelInfoHandler(LanguageSession session) {
        this.session = session;
    }

    @Override
    public void handle(Request request) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("protocol_version", jaio.kernel.wire.Message.PROTOCOL_VERSION);
        content.addProperty("implementation", IMPLEMENTATION);
        content.addProperty("implementation_version", IMPLEMENTATION_VERSION);
        content.add("language_info", session.languageInfo().toJson());
        content.addProperty("banner", session.banner());
        JsonArray links = new JsonArray();
        for (HelpLink link : session.helpLinks()) {
            JsonObject o = new JsonObject();
            o.addProperty("text", link.text());
            o.addProperty("url", link.url());
            links.add(o);
        }
        content.add("help_links", links);
        content.addProperty("debugger", false);
        request.reply(content);
    }
}
