package jaio.kernel.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The shape an execute_request's content must have before anything runs: {@code code} a string;
 * {@code silent}, {@code store_history}, {@code allow_stdin}, {@code stop_on_error} booleans and
 * {@code user_expressions} an object when present (the messaging spec's types). ipykernel fails
 * such a request with a Python TypeError before running it; jaio answers it with an error reply.
 */
final class ExecuteContentCheck {

    private static final String[] FLAGS = {"silent", "store_history", "allow_stdin", "stop_on_error"};

    private ExecuteContentCheck() {
    }

    /** What is wrong with {@code content}, or null if it can be run. */
    static String problem(JsonObject content) {
        JsonElement code = content.get("code");
        if (code == null || !code.isJsonPrimitive() || !code.getAsJsonPrimitive().isString()) {
            return "execute_request content.code must be a string";
        }
        for (String flag : FLAGS) {
            JsonElement e = content.get(flag);
            if (e != null && !(e.isJsonPrimitive() && e.getAsJsonPrimitive().isBoolean())) {
                return "execute_request content." + flag + " must be true or false";
            }
        }
        JsonElement expressions = content.get("user_expressions");
        if (expressions != null && !expressions.isJsonObject()) {
            return "execute_request content.user_expressions must be an object";
        }
        return null;
    }
}
