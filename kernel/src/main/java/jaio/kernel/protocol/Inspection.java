package jaio.kernel.protocol;

import com.google.gson.JsonObject;

/** An inspect_reply: {@code data} is a mime bundle (e.g. {@code text/plain}) when {@code found}. */
public record Inspection(boolean found, JsonObject data, JsonObject metadata) {

    public Inspection {
        data = data == null ? new JsonObject() : data;
        metadata = metadata == null ? new JsonObject() : metadata;
    }

    public static Inspection notFound() {
        return new Inspection(false, new JsonObject(), new JsonObject());
    }
}
