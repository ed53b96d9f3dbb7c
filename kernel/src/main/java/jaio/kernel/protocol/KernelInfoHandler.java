package jaio.kernel.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import jaio.kernel.language.HelpLink;
import jaio.kernel.language.LanguageInfo;
import jaio.kernel.language.LanguageSession;
import jaio.kernel.wire.EncodedJson;

/**
 * kernel_info_request: who the kernel is and which language it runs. Answered at once, even mid-cell.
 * The reply's content never changes, so it is built and encoded once.
 */
public final class KernelInfoHandler implements RequestHandler {

    public static final String IMPLEMENTATION = "jaio";
    public static final String IMPLEMENTATION_VERSION = "0.1.0";

    private final JsonObject content;

    KernelInfoHandler(LanguageSession session) {
        this.content = EncodedJson.constant(content(session));
    }

    @Override
    public boolean answersAtOnce() {
        return true;
    }

    @Override
    public void handle(Request request) {
        request.reply(content);
    }

    private static JsonObject content(LanguageSession session) {
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        content.addProperty("protocol_version", jaio.kernel.wire.Message.PROTOCOL_VERSION);
        content.addProperty("implementation", IMPLEMENTATION);
        content.addProperty("implementation_version", IMPLEMENTATION_VERSION);
        content.add("language_info", languageInfo(session.languageInfo()));
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
        return content;
    }

    private static JsonObject languageInfo(LanguageInfo info) {
        JsonObject o = new JsonObject();
        o.addProperty("name", info.name());
        o.addProperty("version", info.version());
        o.addProperty("mimetype", info.mimetype());
        o.addProperty("file_extension", info.fileExtension());
        if (info.pygmentsLexer() != null) {
            o.addProperty("pygments_lexer", info.pygmentsLexer());
        }
        if (info.codemirrorMode() != null) {
            o.addProperty("codemirror_mode", info.codemirrorMode());
        }
        if (info.nbconvertExporter() != null) {
            o.addProperty("nbconvert_exporter", info.nbconvertExporter());
        }
        return o;
    }
}
