package jaio.kernel.protocol;

import com.google.gson.JsonObject;

/** The {@code language_info} of kernel_info_reply; {@code codemirrorMode} and {@code pygmentsLexer} may be null. */
public record LanguageInfo(
        String name,
        String version,
        String mimetype,
        String fileExtension,
        String pygmentsLexer,
        String codemirrorMode,
        String nbconvertExporter) {

    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("name", name);
        o.addProperty("version", version);
        o.addProperty("mimetype", mimetype);
        o.addProperty("file_extension", fileExtension);
        if (pygmentsLexer != null) {
            o.addProperty("pygments_lexer", pygmentsLexer);
        }
        if (codemirrorMode != null) {
            o.addProperty("codemirror_mode", codemirrorMode);
        }
        if (nbconvertExporter != null) {
            o.addProperty("nbconvert_exporter", nbconvertExporter);
        }
        return o;
    }
}
