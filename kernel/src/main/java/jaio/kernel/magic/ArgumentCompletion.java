package jaio.kernel.magic;

import jaio.Loop;
import java.util.List;

/**
 * A complete_request inside a magic's arguments: {@code word} is the part of the argument under
 * the cursor typed so far (from the last blank to the cursor), {@code previous} the arguments
 * before it, {@code loop} the kernel loop (to list its tasks; read it without blocking).
 */
public record ArgumentCompletion(String word, List<String> previous, Loop loop) {
    public ArgumentCompletion {
        previous = List.copyOf(previous);
    }
}
