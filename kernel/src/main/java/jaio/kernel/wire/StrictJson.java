package jaio.kernel.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Parses a message frame as RFC 8259 JSON, as Python's {@code json.loads} does for ipykernel:
 * UTF-8 that decodes without replacement, one object, quoted names, no comments, nothing after it.
 * Gson's default parser is lenient ({@code {code:'x'}} parses) and a frame that only a lenient
 * parser accepts is not a Jupyter message.
 */
final class StrictJson {

    /** How much of a peer's text an error message quotes, so a huge bad frame cannot flood the log. */
    static final int QUOTE_LIMIT = 120;

    private StrictJson() {
    }

    static JsonObject object(byte[] frame, String part) throws MalformedMessageException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(frame)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException(part + " is not UTF-8");
        }
        try {
            JsonReader reader = new JsonReader(new StringReader(text));
            reader.setStrictness(Strictness.STRICT);
            if (reader.peek() != JsonToken.BEGIN_OBJECT) {
                throw new MalformedMessageException(part + " is not a JSON object: " + quote(text));
            }
            JsonElement e = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new MalformedMessageException(part + " has data after its JSON object: " + quote(text));
            }
            return e.getAsJsonObject();
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw new MalformedMessageException(part + " is not valid JSON: " + quote(text));
        }
    }

    /** The start of {@code text}, for an error message. */
    static String quote(String text) {
        return text.length() <= QUOTE_LIMIT ? text : text.substring(0, QUOTE_LIMIT) + "… (" + text.length() + " chars)";
    }
}
