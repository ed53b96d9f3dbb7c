package jaio.kernel.wire;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Jupyter connection file: where the kernel binds its five sockets and how messages are signed.
 *
 * <p>The frontend writes this file and starts the kernel with its path; the kernel must bind exactly
 * these endpoints, because the frontend connects to them without asking.
 */
public record ConnectionInfo(
        String transport,
        String ip,
        int shellPort,
        int iopubPort,
        int stdinPort,
        int controlPort,
        int hbPort,
        String key,
        String signatureScheme,
        String kernelName) {

    public ConnectionInfo {
        if (!transport.equals("tcp") && !transport.equals("ipc")) {
            throw new IllegalArgumentException(
                    "connection file: transport must be \"tcp\" or \"ipc\", not \"" + transport + "\"");
        }
        if (ip.isEmpty()) {
            throw new IllegalArgumentException("connection file: \"ip\" is empty");
        }
    }

    /** Reads and validates a connection file. */
    public static ConnectionInfo read(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses the JSON text of a connection file; missing or mistyped fields give a message naming them. */
    public static ConnectionInfo parse(String json) {
        JsonObject o;
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject()) {
                throw new IllegalArgumentException("connection file is not a JSON object");
            }
            o = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException("connection file is not valid JSON: " + e.getMessage(), e);
        }
        return new ConnectionInfo(
                string(o, "transport", "tcp"),
                string(o, "ip", "127.0.0.1"),
                port(o, "shell_port"),
                port(o, "iopub_port"),
                port(o, "stdin_port"),
                port(o, "control_port"),
                port(o, "hb_port"),
                string(o, "key", ""),
                string(o, "signature_scheme", "hmac-sha256"),
                string(o, "kernel_name", ""));
    }

    /** The ZeroMQ endpoint for one of the ports, spelled as Jupyter does ({@code ipc} uses {@code ip-port}). */
    public String endpoint(int port) {
        return transport.equals("ipc") ? "ipc://" + ip + "-" + port : "tcp://" + ip + ":" + port;
    }

    /** The connection file's JSON, as a frontend would write it (tests and tools use it). */
    public JsonObject toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("transport", transport);
        o.addProperty("ip", ip);
        o.addProperty("shell_port", shellPort);
        o.addProperty("iopub_port", iopubPort);
        o.addProperty("stdin_port", stdinPort);
        o.addProperty("control_port", controlPort);
        o.addProperty("hb_port", hbPort);
        o.addProperty("key", key);
        o.addProperty("signature_scheme", signatureScheme);
        o.addProperty("kernel_name", kernelName);
        return o;
    }

    private static String string(JsonObject o, String name, String fallback) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            return fallback;
        }
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException("connection file: \"" + name + "\" must be a string");
        }
        return e.getAsString();
    }

    private static int port(JsonObject o, String name) {
        JsonElement e = o.get(name);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException("connection file: \"" + name + "\" is missing");
        }
        try {
            int port = e.getAsInt();
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("connection file: \"" + name + "\" = " + port + " is not a port");
            }
            return port;
        } catch (NumberFormatException | UnsupportedOperationException | IllegalStateException ex) {
            throw new IllegalArgumentException("connection file: \"" + name + "\" must be a number", ex);
        }
    }
}
