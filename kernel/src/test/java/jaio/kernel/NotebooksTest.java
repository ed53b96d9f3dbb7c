package jaio.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import jaio.kernel.wire.Message;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorial notebooks ({@code notebooks/*.ipynb}): every one of the 68 seed examples of
 * INVENTORY.md has exactly one code cell tagged with its ID, and each notebook runs top to bottom
 * on a real kernel over the protocol, as a front end runs it: no cell may end in an error, and
 * every tagged cell prints the lines recorded in {@code notebooks/expected/<notebook>.json}
 * (built from the inventory's outputs by {@code notebooks/build.py}; a line starting with '~' is a
 * regular expression, for timings and ports).
 */
class NotebooksTest {
    static final Path NOTEBOOKS = Path.of("..", "notebooks");
    /** Examples per seed post (S0: 7, S1: 16, S2: 8, S3: 20, S4: 17; 68 in all). */
    static final int[] EXAMPLES_PER_POST = {7, 16, 8, 20, 17};
    static final Pattern ID = Pattern.compile("S[0-4]-\\d\\d");
    static final Duration CELL_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    static List<Path> notebooks() throws IOException {
        try (Stream<Path> s = Files.list(NOTEBOOKS)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".ipynb")).sorted().toList();
        }
    }

    /** The notebooks to execute: all, or those whose name contains -Djaio.notebooks (while editing one). */
    static List<Path> notebooksToRun() throws IOException {
        String only = System.getProperty("jaio.notebooks", "");
        return notebooks().stream().filter(p -> p.getFileName().toString().contains(only)).toList();
    }

    static JsonArray cells(Path notebook) throws IOException {
        return JsonParser.parseString(Files.readString(notebook)).getAsJsonObject().getAsJsonArray("cells");
    }

    static List<String> tags(JsonObject cell) {
        List<String> out = new ArrayList<>();
        JsonObject meta = cell.getAsJsonObject("metadata");
        if (meta != null && meta.has("tags")) {
            for (JsonElement t : meta.getAsJsonArray("tags")) {
                out.add(t.getAsString());
            }
        }
        return out;
    }

    static String source(JsonObject cell) {
        JsonElement src = cell.get("source");
        if (src.isJsonPrimitive()) {
            return src.getAsString();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonElement line : src.getAsJsonArray()) {
            sb.append(line.getAsString());
        }
        return sb.toString();
    }

    @Test
    void everyInventoryIdHasExactlyOneTaggedCodeCell() throws IOException {
        Map<String, List<String>> where = new TreeMap<>();
        for (Path nb : notebooks()) {
            for (JsonElement e : cells(nb)) {
                JsonObject cell = e.getAsJsonObject();
                for (String tag : tags(cell)) {
                    if (ID.matcher(tag).matches()) {
                        assertEquals("code", cell.get("cell_type").getAsString(), tag + " tags a non-code cell in " + nb);
                        where.computeIfAbsent(tag, k -> new ArrayList<>()).add(nb.getFileName().toString());
                    }
                }
            }
        }
        List<String> missing = new ArrayList<>();
        List<String> duplicated = new ArrayList<>();
        for (int post = 0; post < EXAMPLES_PER_POST.length; post++) {
            for (int n = 1; n <= EXAMPLES_PER_POST[post]; n++) {
                String id = "S%d-%02d".formatted(post, n);
                List<String> in = where.remove(id);
                if (in == null) {
                    missing.add(id);
                } else if (in.size() > 1) {
                    duplicated.add(id + " " + in);
                }
            }
        }
        assertEquals(List.of(), missing, "inventory IDs without a tagged cell");
        assertEquals(List.of(), duplicated, "inventory IDs tagged more than once");
        assertEquals(Map.of(), where, "tags that are no inventory ID");
    }

    @TestFactory
    Stream<DynamicTest> everyNotebookRunsCleanlyAndPrintsTheInventoryOutput() throws IOException {
        return notebooksToRun().stream().map(nb -> DynamicTest.dynamicTest(nb.getFileName().toString(), () -> execute(nb)));
    }

    private void execute(Path notebook) throws Exception {
        String name = notebook.getFileName().toString().replaceFirst("\\.ipynb$", "");
        Map<String, List<String>> expected = expectedLines(name);
        Path kernelDir = Files.createDirectories(dir.resolve(name));
        try (RunningKernel kernel = new RunningKernel(kernelDir, Map.of())) {
            int index = 0;
            for (JsonElement e : cells(notebook)) {
                index++;
                JsonObject cell = e.getAsJsonObject();
                if (!cell.get("cell_type").getAsString().equals("code")) {
                    continue;
                }
                String where = name + " cell " + index + " " + tags(cell);
                Message request = kernel.send(source(cell), true, new JsonObject());
                List<Message> msgs = kernel.client.iopubUntilIdle(request, CELL_TIMEOUT);
                var run = new RunningKernel.CellRun(kernel.replyTo(request), msgs);
                JsonObject reply = run.reply();
                for (Message m : msgs) {
                    if (m.msgType().equals("error")) {
                        fail(where + " showed an error: " + m.content());
                    }
                }
                assertEquals("ok", reply.get("status").getAsString(), where + ": " + reply
                        + "\nstderr: " + run.stream("stderr"));
                for (String tag : tags(cell)) {
                    List<String> lines = expected.remove(tag);
                    if (lines != null) {
                        assertPrinted(where, lines, run.stdout());
                    }
                }
            }
        }
        assertEquals(Map.of(), expected, name + ": expected output recorded for cells that do not exist");
    }

    private static Map<String, List<String>> expectedLines(String notebook) throws IOException {
        Path file = NOTEBOOKS.resolve("expected").resolve(notebook + ".json");
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (!Files.exists(file)) {
            return out;
        }
        JsonObject o = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        for (String id : o.keySet()) {
            List<String> lines = new ArrayList<>();
            for (JsonElement l : o.getAsJsonArray(id)) {
                lines.add(l.getAsString());
            }
            out.put(id, lines);
        }
        return out;
    }

    private static void assertPrinted(String where, List<String> expected, String stdout) {
        List<String> actual = stdout.isEmpty() ? List.of() : List.of(stdout.split("\n", -1));
        if (!actual.isEmpty() && actual.getLast().isEmpty()) {
            actual = actual.subList(0, actual.size() - 1);
        }
        String context = where + " printed:\n" + stdout;
        assertEquals(expected.size(), actual.size(), "number of lines; " + context);
        for (int i = 0; i < expected.size(); i++) {
            String e = expected.get(i);
            String a = actual.get(i);
            if (e.startsWith("~")) {
                assertTrue(Pattern.compile(e.substring(1)).matcher(a).matches(), "line " + (i + 1) + " should match " + e + "; " + context);
            } else {
                assertEquals(e, a, "line " + (i + 1) + "; " + context);
            }
        }
    }
}
