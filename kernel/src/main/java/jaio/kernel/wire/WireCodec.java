package jaio.kernel.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns messages into ZeroMQ multipart frames and back:
 * {@code [identities...] <IDS|MSG> signature header parent_header metadata content [buffers...]}.
 *
 * <p>The signature is computed over the exact bytes of the four JSON frames as they travel, so
 * decoding verifies before parsing. Thread-safe (stateless apart from the signer).
 */
public final class WireCodec {

    public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private final MessageSigner signer;

    public WireCodec(MessageSigner signer) {
        this.signer = signer;
    }

    public MessageSigner signer() {
        return signer;
    }

    public List<byte[]> encode(Message message) {
        byte[] header = utf8(message.header());
        byte[] parent = utf8(message.parentHeader());
        byte[] metadata = utf8(message.metadata());
        byte[] content = utf8(message.content());
        List<byte[]> frames = new ArrayList<>(message.identities().size() + 6 + message.buffers().size());
        frames.addAll(message.identities());
        frames.add(DELIMITER);
        frames.add(signer.sign(header, parent, metadata, content));
        frames.add(header);
        frames.add(parent);
        frames.add(metadata);
        frames.add(content);
        frames.addAll(message.buffers());
        return frames;
    }

    /**
     * Parses received frames.
     *
     * @throws BadSignatureException if signing is enabled and the signature does not match
     * @throws MalformedMessageException if the frames are not a Jupyter message
     */
    public Message decode(List<byte[]> frames) throws MalformedMessageException {
        int delimiter = -1;
        for (int i = 0; i < frames.size(); i++) {
            if (Arrays.equals(frames.get(i), DELIMITER)) {
                delimiter = i;
                break;
            }
        }
        if (delimiter < 0) {
            throw new MalformedMessageException("no <IDS|MSG> delimiter among " + frames.size() + " frames");
        }
        if (frames.size() < delimiter + 6) {
            throw new MalformedMessageException("expected signature and 4 JSON frames after <IDS|MSG>, got "
                    + (frames.size() - delimiter - 1) + " frames");
        }
        byte[] signature = frames.get(delimiter + 1);
        byte[] header = frames.get(delimiter + 2);
        byte[] parent = frames.get(delimiter + 3);
        byte[] metadata = frames.get(delimiter + 4);
        byte[] content = frames.get(delimiter + 5);
        if (!signer.verify(signature, header, parent, metadata, content)) {
            throw new BadSignatureException("signature mismatch");
        }
        JsonObject headerJson = object(header, "header");
        if (!headerJson.has("msg_type") || !headerJson.has("msg_id")) {
            throw new MalformedMessageException("header has no msg_type or msg_id: " + headerJson);
        }
        return new Message(
                frames.subList(0, delimiter),
                headerJson,
                object(parent, "parent_header"),
                object(metadata, "metadata"),
                object(content, "content"),
                frames.subList(delimiter + 6, frames.size()));
    }

    private static JsonObject object(byte[] frame, String part) throws MalformedMessageException {
        try {
            JsonElement e = JsonParser.parseString(new String(frame, StandardCharsets.UTF_8));
            if (!e.isJsonObject()) {
                throw new MalformedMessageException(part + " is not a JSON object");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            throw new MalformedMessageException(part + " is not valid JSON: " + e.getMessage(), e);
        }
    }

    private static byte[] utf8(JsonObject o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }
}
