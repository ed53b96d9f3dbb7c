package jaio.kernel.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns messages into ZeroMQ multipart frames and back:
 * {@code [identities...] <IDS|MSG> signature header parent_header metadata content [buffers...]}.
 *
 * <p>The signature is computed over the exact bytes of the four JSON frames as they travel, so
 * decoding verifies before parsing. With signing enabled, a signature already received is refused
 * ({@link DigestHistory}): one codec decodes everything a kernel receives, on every channel. The
 * JSON frames are parsed strictly ({@link StrictJson}) and the header's identifying fields must be
 * strings. Thread-safe.
 */
public final class WireCodec {

    public static final byte[] DELIMITER = "<IDS|MSG>".getBytes(StandardCharsets.US_ASCII);

    private final MessageSigner signer;
    private final DigestHistory digests = new DigestHistory(DigestHistory.DEFAULT_CAPACITY);

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
        if (signer.enabled() && !digests.firstSighting(signature)) {
            throw new ReplayedMessageException("a message with this signature was already received (replay)");
        }
        JsonObject headerJson = StrictJson.object(header, "header");
        for (String field : List.of("msg_id", "msg_type")) {
            JsonElement value = headerJson.get(field);
            if (!isString(value) || value.getAsString().isEmpty()) {
                throw new MalformedMessageException("header." + field + " must be a non-empty string, got "
                        + StrictJson.quote(String.valueOf(value)));
            }
        }
        for (String field : List.of("session", "username", "version", "date")) {
            JsonElement value = headerJson.get(field);
            if (value != null && !isString(value)) {
                throw new MalformedMessageException("header." + field + " must be a string, got "
                        + StrictJson.quote(value.toString()));
            }
        }
        List<byte[]> identities = frames.subList(0, delimiter);
        // Every message this request causes names it as parent: send its header as it came.
        EncodedJson.received(headerJson, header);
        try {
            JsonObject parentJson = StrictJson.object(parent, "parent_header");
            JsonElement parentId = parentJson.get("msg_id");
            if (parentId != null && !isString(parentId)) {
                throw new MalformedMessageException("parent_header.msg_id must be a string, got "
                        + StrictJson.quote(parentId.toString()));
            }
            return new Message(
                    identities,
                    headerJson,
                    parentJson,
                    StrictJson.object(metadata, "metadata"),
                    StrictJson.object(content, "content"),
                    frames.subList(delimiter + 6, frames.size()));
        } catch (MalformedMessageException e) {
            // The header is sound: the sender can be told why nothing was done.
            throw new MalformedMessageException(e.getMessage(),
                    new Message(identities, headerJson, new JsonObject(), new JsonObject(), new JsonObject(), List.of()));
        }
    }

    private static boolean isString(JsonElement e) {
        return e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isString();
    }

    private static byte[] utf8(JsonObject o) {
        return EncodedJson.utf8(o);
    }
}
