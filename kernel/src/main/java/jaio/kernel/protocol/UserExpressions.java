package jaio.kernel.protocol;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import jaio.kernel.language.CellContext;
import jaio.kernel.language.ExecutionResult;
import jaio.kernel.language.LanguageSession;
import jaio.kernel.language.OutputSink;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code user_expressions} of an execute_request, evaluated after its cell succeeded, as
 * ipykernel does: each name maps to {@code {status: ok, data, metadata}} (the value's MIME bundle)
 * or {@code {status: error, ename, evalue, traceback}}. Each expression runs through the session as
 * a cell of its own, in order, before the next request; what it prints is not shown (it is not the
 * cell's output). Called by {@link ExecuteQueue}, so it works for any {@link LanguageSession}.
 */
final class UserExpressions {
    private UserExpressions() {}

    static CompletableFuture<JsonObject> evaluate(LanguageSession session, JsonObject expressions, int executionCount) {
        CompletableFuture<JsonObject> all = CompletableFuture.completedFuture(new JsonObject());
        for (Map.Entry<String, JsonElement> e : expressions.entrySet()) {
            all = all.thenCompose(out -> one(session, e.getValue(), executionCount).thenApply(r -> {
                out.add(e.getKey(), r);
                return out;
            }));
        }
        return all;
    }

    private static CompletableFuture<JsonObject> one(LanguageSession session, JsonElement expression, int executionCount) {
        if (!expression.isJsonPrimitive() || !expression.getAsJsonPrimitive().isString()) {
            return CompletableFuture.completedFuture(error("TypeError", "a user expression must be a string, got " + expression));
        }
        Capture capture = new Capture();
        return session.execute(expression.getAsString(), new CellContext(executionCount, false), capture).thenApply(r -> switch (r) {
            case ExecutionResult.Error err -> {
                JsonObject o = error(err.ename(), err.evalue());
                o.add("traceback", Json.strings(err.traceback()));
                yield o;
            }
            case ExecutionResult.Ok ok -> {
                JsonObject o = new JsonObject();
                o.addProperty("status", "ok");
                o.add("data", capture.data == null ? plainNothing() : JsonMaps.toJson(capture.data));
                o.add("metadata", new JsonObject());
                yield o;
            }
        });
    }

    /** An expression without a value ({@code x = 1;}): the empty text, as IPython shows None's absence. */
    private static JsonObject plainNothing() {
        JsonObject o = new JsonObject();
        o.addProperty("text/plain", "");
        return o;
    }

    private static JsonObject error(String ename, String evalue) {
        JsonObject o = new JsonObject();
        o.addProperty("status", "error");
        o.addProperty("ename", ename);
        o.addProperty("evalue", evalue);
        o.add("traceback", Json.strings(java.util.List.of(ename + ": " + evalue)));
        return o;
    }

    /** Keeps the value's bundle; drops everything else. */
    private static final class Capture implements OutputSink {
        volatile Map<String, Object> data;

        @Override
        public void stream(String name, String text) {
        }

        @Override
        public void displayData(Map<String, Object> data, Map<String, Object> metadata, String displayId) {
        }

        @Override
        public void updateDisplayData(Map<String, Object> data, Map<String, Object> metadata, String displayId) {
        }

        @Override
        public void clearOutput(boolean wait) {
        }

        @Override
        public void executeResult(Map<String, Object> data, Map<String, Object> metadata) {
            this.data = data;
        }
    }
}
