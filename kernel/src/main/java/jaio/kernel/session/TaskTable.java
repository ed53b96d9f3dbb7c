package jaio.kernel.session;

import jaio.Loop;
import jaio.Task;
import jaio.Waiting;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The pending tasks of the kernel's loop, as {@code %tasks} and {@code tasks()} show them: counts
 * by state, the first rows (name, state, age, cell, where suspended, what it waits for) and, when
 * there are more tasks than rows, counts by suspension point. Rendered as an HTML table with a
 * {@code text/plain} twin for consoles.
 *
 * <p>A snapshot, taken on the loop when built. Reading where a task is suspended walks its stack
 * (tens of microseconds), so only the rows shown and one task per group pay for it: with 100 000
 * tasks the groups are counted by coroutine and by what they wait for, and each group shows the
 * place where its first task is suspended.
 */
public final class TaskTable implements Renderable {
    static final int DEFAULT_ROWS = 50;
    private static final int MAX_GROUPS = 20;

    /** What tasks are counted together by: their coroutine's name and the kind of thing they wait for. */
    private record GroupKey(String coroutine, String waits) {}

    /** Tasks counted together: same coroutine, same kind of wait; {@code where} is its first task's. */
    record Group(String coroutine, String waits, String where, int count) {}

    private final int pending;
    private final int waiting;
    private final int ready;
    private final List<TaskRow> rows;
    private final List<Group> groups;
    private final String note;

    private TaskTable(int pending, int waiting, int ready, List<TaskRow> rows, List<Group> groups, String note) {
        this.pending = pending;
        this.waiting = waiting;
        this.ready = ready;
        this.rows = rows;
        this.groups = groups;
        this.note = note;
    }

    /** The pending tasks of {@code loop} except the asking task and live views; call on the loop. */
    static TaskTable snapshot(Loop loop, int maxRows, String note) {
        return snapshot(loop, maxRows, note, t -> true);
    }

    /** As {@link #snapshot(Loop, int, String)}, of the tasks {@code shown} accepts. */
    static TaskTable snapshot(Loop loop, int maxRows, String note, java.util.function.Predicate<Task<?>> shown) {
        Task<?> current = Task.current();
        List<TaskRow> rows = new ArrayList<>();
        Map<GroupKey, Task<?>> firstOfGroup = new LinkedHashMap<>();
        Map<GroupKey, int[]> groupCount = new HashMap<>();
        int[] counts = new int[2];
        loop.forEachTask(t -> {
            String kind = t.waitingKind();
            if (t == current || LiveTaskView.isView(t) || ("a Task".equals(kind) && LiveTaskView.awaitsView(t)) || !shown.test(t)) {
                return;
            }
            counts[0]++;
            if (kind != null) {
                counts[1]++;
            }
            if (rows.size() < maxRows) {
                rows.add(TaskRow.of(t, current, loop));
            }
            GroupKey key = new GroupKey(t.getCoro().getName(), kind == null ? "" : kind);
            int[] n = groupCount.get(key);
            if (n == null) {
                firstOfGroup.put(key, t);
                groupCount.put(key, new int[] {1});
            } else {
                n[0]++;
            }
        });
        int pending = counts[0];
        int waiting = counts[1];
        List<Group> groups = new ArrayList<>();
        if (pending > rows.size()) {
            List<Map.Entry<GroupKey, Task<?>>> entries = new ArrayList<>(firstOfGroup.entrySet());
            entries.sort((a, b) -> Integer.compare(groupCount.get(b.getKey())[0], groupCount.get(a.getKey())[0]));
            for (Map.Entry<GroupKey, Task<?>> e : entries.subList(0, Math.min(MAX_GROUPS, entries.size()))) {
                Task<?> t = e.getValue();
                Waiting w = t.waitingFor();
                List<StackTraceElement> top = t.getStack(1);
                groups.add(new Group(TaskRow.coroutineName(t), w == null ? "(ready to run)" : w.kind(),
                        top.isEmpty() ? "" : TaskRow.where(top.getFirst()), groupCount.get(e.getKey())[0]));
            }
        }
        return new TaskTable(pending, waiting, pending - waiting, List.copyOf(rows), List.copyOf(groups), note);
    }

    /** How many tasks are pending (not counting the asking task and live views). */
    public int pending() {
        return pending;
    }

    List<TaskRow> rows() {
        return rows;
    }

    List<Group> groups() {
        return groups;
    }

    /**
     * Shows this table and keeps it current, refreshed about twice a second from a background task,
     * until the tasks it watches are done (or the view is cancelled). Returns at once. It watches
     * the tasks of the cell that asked and of the cells whose tasks are pending now: tasks later
     * cells start are theirs to show.
     */
    public LiveTaskView live() {
        return LiveTaskView.start(this, 0.5);
    }

    /** As {@link #live()}, refreshed every {@code intervalSeconds}. */
    public LiveTaskView live(double intervalSeconds) {
        return LiveTaskView.start(this, intervalSeconds);
    }

    /** A copy of this table with a line under it (the live view's state). */
    TaskTable withNote(String note) {
        return new TaskTable(pending, waiting, ready, rows, groups, note);
    }

    private String headline() {
        if (pending == 0) {
            return "no pending tasks";
        }
        return String.format(Locale.ROOT, "%,d pending task%s: %,d waiting, %,d ready to run", pending,
                pending == 1 ? "" : "s", waiting, ready);
    }

    @Override
    public Map<String, Object> mimeBundle() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("text/html", toHtml());
        b.put("text/plain", toString());
        return b;
    }

    String toHtml() {
        StringBuilder h = new StringBuilder();
        h.append("<div class=\"jaio-tasks\" data-pending=\"").append(pending).append("\">");
        h.append("<p><b>").append(Html.escape(headline())).append("</b></p>");
        if (!rows.isEmpty()) {
            h.append("<table class=\"jaio-task-table\"><thead><tr><th>id</th><th>name</th><th>state</th><th>age</th>"
                    + "<th>cell</th><th>suspended at</th><th>waits for</th></tr></thead><tbody>");
            for (TaskRow r : rows) {
                h.append("<tr class=\"jaio-task\"><td><code>").append(r.id()).append("</code></td><td>")
                        .append(code(r.name())).append("</td><td>").append(r.state()).append("</td><td>")
                        .append(seconds(r.age())).append("</td><td>").append(Html.escape(r.cell())).append("</td><td>")
                        .append(code(r.where())).append("</td><td>").append(code(waits(r))).append("</td></tr>");
            }
            h.append("</tbody></table>");
        }
        if (pending > rows.size()) {
            h.append("<p>").append(String.format(Locale.ROOT, "%,d", pending - rows.size()))
                    .append(" more not listed. By coroutine and what they wait for:</p>");
            h.append("<table class=\"jaio-task-groups\"><thead><tr><th>tasks</th><th>coroutine</th><th>waits for</th>"
                    + "<th>suspended at (first task)</th></tr></thead><tbody>");
            for (Group g : groups) {
                h.append("<tr><td>").append(String.format(Locale.ROOT, "%,d", g.count())).append("</td><td>")
                        .append(code(g.coroutine())).append("</td><td>").append(code(g.waits()))
                        .append("</td><td>").append(code(g.where())).append("</td></tr>");
            }
            h.append("</tbody></table>");
        }
        if (note != null) {
            h.append("<p><i>").append(Html.escape(note)).append("</i></p>");
        }
        return h.append("</div>").toString();
    }

    /**
     * Text that may hold {@code $} (JShell's class names) goes in {@code <code>}: the classic
     * notebook typesets {@code $...$} in HTML output as TeX, but not inside code elements.
     */
    private static String code(String s) {
        return s.isEmpty() ? "" : "<code>" + Html.escape(s) + "</code>";
    }

    private static String waits(TaskRow r) {
        if (r.waits().isEmpty()) {
            return "";
        }
        return Double.isNaN(r.waited()) ? r.waits() : r.waits() + ", for " + seconds(r.waited());
    }

    private static String seconds(double s) {
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    @Override
    public String toString() {
        StringBuilder t = new StringBuilder(headline()).append('\n');
        if (!rows.isEmpty()) {
            List<String[]> cells = new ArrayList<>();
            cells.add(new String[] {"id", "name", "state", "age", "cell", "suspended at", "waits for"});
            for (TaskRow r : rows) {
                cells.add(new String[] {r.id(), r.name(), r.state(), seconds(r.age()), r.cell(), r.where(), waits(r)});
            }
            appendAligned(t, cells);
        }
        if (pending > rows.size()) {
            t.append(String.format(Locale.ROOT, "%,d more not listed. By coroutine and what they wait for:%n", pending - rows.size()));
            List<String[]> cells = new ArrayList<>();
            cells.add(new String[] {"tasks", "coroutine", "waits for", "suspended at (first task)"});
            for (Group g : groups) {
                cells.add(new String[] {String.format(Locale.ROOT, "%,d", g.count()), g.coroutine(), g.waits(), g.where()});
            }
            appendAligned(t, cells);
        }
        if (note != null) {
            t.append(note).append('\n');
        }
        return t.toString().stripTrailing();
    }

    private static void appendAligned(StringBuilder out, List<String[]> cells) {
        int[] width = new int[cells.getFirst().length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]).append(" ".repeat(width[i] - row[i].length() + 2));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
