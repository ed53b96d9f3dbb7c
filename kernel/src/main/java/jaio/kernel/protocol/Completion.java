package jaio.kernel.protocol;

import com.google.gson.JsonObject;
import java.util.List;

/** A complete_reply: the matches replace {@code code[cursorStart, cursorEnd)} (Java string indices). */
public record Completion(List<String> matches, int cursorStart, int cursorEnd, JsonObject metadata) {

    public Completion {
        matches = List.copyOf(matches);
        metadata = metadata == null ? new JsonObject() : metadata;
    }

    public static Completion none(int cursorPos) {
        return new Completion(List.of(), cursorPos, cursorPos, new JsonObject());
    }
}
