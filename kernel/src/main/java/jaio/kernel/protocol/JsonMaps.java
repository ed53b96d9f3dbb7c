package jaio.kernel.protocol;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.util.Map;

/**
 * The one conversion between the language contract's JSON-like maps (Map, List, String, Number,
 * Boolean, null) and Gson's trees, used at the protocol's edge (cell output, comms).
 */
public final class JsonMaps {
    private static final Gson GSON = new Gson();

    private JsonMaps() {
    }

    /** {@code map} as a JSON object; null is {@code {}}. */
    public static JsonObject toJson(Map<String, Object> map) {
        return map == null ? new JsonObject() : GSON.toJsonTree(map).getAsJsonObject();
    }

    /** {@code json} as a map (numbers become Double, as Gson reads them); null is empty. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toMap(JsonObject json) {
        return json == null ? Map.of() : GSON.fromJson(json, Map.class);
    }
}
