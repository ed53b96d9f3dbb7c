package jaio.kernel.protocol.history;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import jaio.kernel.wire.KernelLog;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * History in a JSON-lines file shared by every jaio kernel of the user, kept across restarts.
 *
 * <p>Each line is either a session marker {@code {"session":n,"start":...}}, written when a kernel
 * opens the store to claim its session number, or a cell {@code {"session":n,"line":m,"source":...}}.
 * Claiming and appending hold an exclusive file lock, so kernels started at the same moment get
 * distinct sessions and never interleave lines. Queries read the file afresh, so they also see what
 * other kernels stored; a line that does not parse (a crash mid-write) is skipped.
 */
public final class FileHistoryStore implements HistoryStore {

    /** File locks are per process: threads of one JVM (two kernels in tests) also take this lock first. */
    private static final Object JVM_LOCK = new Object();

    private final Path file;
    private final int session;

    private FileHistoryStore(Path file, int session) {
        this.file = file;
        this.session = session;
    }

    /**
     * The user's store: {@code $JUPYTER_DATA_DIR/jaio/history.jsonl} if that variable is set, else
     * {@code $XDG_DATA_HOME/jaio/history.jsonl}, else {@code ~/.local/share/jaio/history.jsonl}.
     */
    public static FileHistoryStore openDefault() throws IOException {
        return open(defaultFile());
    }

    public static Path defaultFile() {
        String jupyterData = System.getenv("JUPYTER_DATA_DIR");
        if (jupyterData != null && !jupyterData.isBlank()) {
            return Path.of(jupyterData, "jaio", "history.jsonl");
        }
        String xdgData = System.getenv("XDG_DATA_HOME");
        Path base = xdgData != null && !xdgData.isBlank()
                ? Path.of(xdgData)
                : Path.of(System.getProperty("user.home"), ".local", "share");
        return base.resolve("jaio").resolve("history.jsonl");
    }

    /** Opens (creating if needed) the store in {@code file} and claims the next session number. */
    public static FileHistoryStore open(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        synchronized (JVM_LOCK) {
            return claimSession(file);
        }
    }

    private static FileHistoryStore claimSession(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
                FileLock lock = channel.lock()) {
            int last = 0;
            for (JsonObject record : records(file)) {
                last = Math.max(last, record.get("session").getAsInt());
            }
            int session = last + 1;
            JsonObject marker = new JsonObject();
            marker.addProperty("session", session);
            marker.addProperty("start", Instant.now().toString());
            channel.position(channel.size());
            channel.write(ByteBuffer.wrap((marker + "\n").getBytes(StandardCharsets.UTF_8)));
            return new FileHistoryStore(file, session);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public int session() {
        return session;
    }

    @Override
    public void append(int line, String source) throws IOException {
        JsonObject record = new JsonObject();
        record.addProperty("session", session);
        record.addProperty("line", line);
        record.addProperty("source", source);
        byte[] bytes = (record + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (JVM_LOCK) {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.APPEND);
                    FileLock lock = channel.lock()) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        }
    }

    @Override
    public List<HistoryEntry> tail(int n) throws IOException {
        List<HistoryEntry> all = entries();
        return n <= 0 ? List.of() : List.copyOf(all.subList(Math.max(0, all.size() - n), all.size()));
    }

    @Override
    public List<HistoryEntry> range(int requestedSession, int start, Integer stop) throws IOException {
        int wanted = requestedSession <= 0 ? session + requestedSession : requestedSession;
        List<HistoryEntry> result = new ArrayList<>();
        for (HistoryEntry e : entries()) {
            if (e.session() == wanted && e.line() >= start && (stop == null || e.line() < stop)) {
                result.add(e);
            }
        }
        return result;
    }

    @Override
    public List<HistoryEntry> search(String pattern, int n, boolean unique) throws IOException {
        Pattern glob = Glob.compile(pattern);
        List<HistoryEntry> matches = new ArrayList<>();
        for (HistoryEntry e : entries()) {
            if (glob.matcher(e.source()).matches()) {
                matches.add(e);
            }
        }
        if (unique) {
            // Keep the latest occurrence of each source, in the order of those latest occurrences.
            Map<String, HistoryEntry> latest = new LinkedHashMap<>();
            for (HistoryEntry e : matches) {
                latest.remove(e.source());
                latest.put(e.source(), e);
            }
            matches = new ArrayList<>(latest.values());
        }
        if (n > 0 && matches.size() > n) {
            matches = matches.subList(matches.size() - n, matches.size());
        }
        return List.copyOf(matches);
    }

    private List<HistoryEntry> entries() throws IOException {
        List<HistoryEntry> entries = new ArrayList<>();
        for (JsonObject r : records(file)) {
            if (r.has("line") && r.has("source")) {
                entries.add(new HistoryEntry(r.get("session").getAsInt(), r.get("line").getAsInt(),
                        r.get("source").getAsString()));
            }
        }
        entries.sort(Comparator.comparingInt(HistoryEntry::session).thenComparingInt(HistoryEntry::line));
        return entries;
    }

    private static List<JsonObject> records(Path file) throws IOException {
        if (!Files.exists(file)) {
            return List.of();
        }
        List<JsonObject> records = new ArrayList<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            try {
                JsonElement e = JsonParser.parseString(line);
                if (e.isJsonObject() && e.getAsJsonObject().has("session")) {
                    e.getAsJsonObject().get("session").getAsInt(); // reject a non-numeric session now
                    records.add(e.getAsJsonObject());
                    continue;
                }
            } catch (JsonParseException | IllegalStateException | NumberFormatException
                    | UnsupportedOperationException ex) {
                // fall through: reported below
            }
            KernelLog.warn("history " + file + ": unreadable line skipped");
        }
        return records;
    }
}
