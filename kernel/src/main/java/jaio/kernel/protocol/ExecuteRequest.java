package jaio.kernel.protocol;

import com.google.gson.JsonObject;

/**
 * The parts of an execute_request a session acts on. {@code storeHistory} is already false when
 * {@code silent} is true (the spec's rule); {@code userExpressions} is the request's object, possibly empty.
 */
public record ExecuteRequest(
        String code,
        boolean silent,
        boolean storeHistory,
        boolean allowStdin,
        JsonObject userExpressions,
        int executionCount) {
}
