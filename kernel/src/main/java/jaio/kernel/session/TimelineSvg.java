package jaio.kernel.session;

import jaio.Task;
import jaio.TaskRecorder;
import jaio.TaskRecorder.Event;
import jaio.TaskRecorder.Kind;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The timeline of a recording as an inline SVG picture, the way a teacher draws it on a board:
 * one lane per task created while recording, a thin line for its life, pale bars while it waits
 * (hover: what for), dark bars while it runs on the loop, a dot where it ends (green done, grey
 * cancelled, red failed), and the wall time of the whole on top.
 *
 * <p>Readable at any size: past {@value #MAX_LANES} tasks the lanes are grouped by coroutine and
 * each group draws how many of its tasks are alive over time, so the picture stays small (its
 * size grows with the groups, not the tasks). Lanes carry {@code data-} attributes (task, start,
 * end) so tests and tools can read the picture back.
 */
final class TimelineSvg implements Renderable {
    static final int MAX_LANES = 60;
    private static final int WIDTH = 900;
    private static final int LABEL = 170;
    private static final int LANE = 20;
    private static final int TOP = 44;
    private static final int BUCKETS = 200;

    /** One task's life in the recording: created, steps (run), waits (with what), end. */
    static final class Lane {
        final Task<?> task;
        double created = Double.NaN;
        double end = Double.NaN;
        Kind endKind;
        final List<double[]> runs = new ArrayList<>();
        final List<double[]> waits = new ArrayList<>();
        final List<String> waitWhat = new ArrayList<>();
        private double stepStart = Double.NaN;
        private double waitStart = Double.NaN;
        private String waiting;

        Lane(Task<?> task) {
            this.task = task;
        }
    }

    private final String title;
    private final double t0;
    private final double t1;
    /**
     * Where the picture starts: the first recorded task's creation. Before it the cell was being
     * compiled or ran alone, which the headline's wall time counts but no lane would show.
     */
    private final double origin;
    private final List<Lane> lanes;

    TimelineSvg(String title, TaskRecorder recording) {
        this.title = title;
        this.t0 = recording.startTime();
        this.t1 = Double.isNaN(recording.stopTime()) ? recording.startTime() : recording.stopTime();
        this.lanes = lanes(recording.events(), t1);
        this.origin = lanes.isEmpty() ? t0 : Math.max(t0, Math.min(t1, lanes.getFirst().created));
    }

    /** The lanes of the tasks created during the recording, in order of creation. */
    static List<Lane> lanes(List<Event> events, double stop) {
        Map<Task<?>, Lane> byTask = new LinkedHashMap<>();
        for (Event e : events) {
            if (e.kind() == Kind.CREATED && !LiveTaskView.TASK_NAME.equals(e.task().getName())) {
                byTask.computeIfAbsent(e.task(), Lane::new).created = e.time();
            }
        }
        for (Event e : events) {
            Lane l = byTask.get(e.task());
            if (l == null) {
                continue;
            }
            switch (e.kind()) {
                case CREATED -> { }
                case STEP -> {
                    if (!Double.isNaN(l.waitStart)) {
                        l.waits.add(new double[] {l.waitStart, e.time()});
                        l.waitWhat.add(l.waiting);
                        l.waitStart = Double.NaN;
                    }
                    l.stepStart = e.time();
                }
                case SUSPENDED -> {
                    l.runs.add(new double[] {l.stepStart, e.time()});
                    l.waitStart = e.time();
                    l.waiting = e.describe();
                }
                default -> {
                    l.runs.add(new double[] {Double.isNaN(l.stepStart) ? e.time() : l.stepStart, e.time()});
                    l.end = e.time();
                    l.endKind = e.kind();
                }
            }
        }
        for (Lane l : byTask.values()) {
            if (!Double.isNaN(l.waitStart)) {
                l.waits.add(new double[] {l.waitStart, stop});
                l.waitWhat.add(l.waiting);
            }
        }
        List<Lane> out = new ArrayList<>(byTask.values());
        out.sort((a, b) -> Double.compare(a.created, b.created));
        return out;
    }

    List<Lane> lanes() {
        return lanes;
    }

    double wallSeconds() {
        return t1 - t0;
    }

    /**
     * From the first step of a recorded task to the last end (or the end of the recording): how
     * long the tasks themselves took, without the cell's compiling before they could start.
     */
    double taskSeconds() {
        double first = Double.NaN;
        double last = Double.NaN;
        for (Lane l : lanes) {
            if (!l.runs.isEmpty()) {
                first = Double.isNaN(first) ? l.runs.getFirst()[0] : Math.min(first, l.runs.getFirst()[0]);
            }
            double end = Double.isNaN(l.end) ? t1 : l.end;
            last = Double.isNaN(last) ? end : Math.max(last, end);
        }
        return Double.isNaN(first) ? 0 : last - first;
    }

    @Override
    public Map<String, Object> mimeBundle() {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("image/svg+xml", toSvg());
        b.put("text/plain", toString());
        return b;
    }

    private double x(double t) {
        double span = Math.max(t1 - origin, 1e-6);
        return LABEL + (WIDTH - LABEL - 10) * Math.min(1, Math.max(0, (t - origin) / span));
    }

    String toSvg() {
        boolean grouped = lanes.size() > MAX_LANES;
        List<Group> groups = grouped ? groups() : List.of();
        int rows = grouped ? groups.size() : lanes.size();
        int height = TOP + Math.max(1, rows) * LANE + 24;
        StringBuilder s = new StringBuilder();
        s.append(f("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"jaio-timeline\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\" data-wall=\"%.4f\" data-span=\"%.4f\" data-tasks=\"%d\">",
                WIDTH, height, WIDTH, height, wallSeconds(), taskSeconds(), lanes.size()));
        s.append("<title>").append(Html.escape(toString())).append("</title>");
        s.append(f("<text x=\"4\" y=\"14\" font-size=\"13\" font-weight=\"bold\">%s</text>", Html.escape(headline())));
        axis(s, height);
        if (grouped) {
            for (int i = 0; i < groups.size(); i++) {
                drawGroup(s, groups.get(i), TOP + i * LANE);
            }
        } else {
            for (int i = 0; i < lanes.size(); i++) {
                drawLane(s, lanes.get(i), TOP + i * LANE);
            }
        }
        return s.append("</svg>").toString();
    }

    private String headline() {
        String first = origin - t0 >= 0.01 ? f(", the first task %.2f s in (0 s on the axis)", origin - t0) : "";
        return f("%s: %.2f s wall%s; %d task%s, %.2f s from the first step to the last end", title, wallSeconds(), first,
                lanes.size(), lanes.size() == 1 ? "" : "s", taskSeconds());
    }

    private void axis(StringBuilder s, int height) {
        double span = Math.max(t1 - origin, 1e-6);
        double step = niceStep(span / 8);
        s.append(f("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#999\"/>", LABEL, TOP - 6, WIDTH - 10, TOP - 6));
        for (double t = 0; t <= span + 1e-9; t += step) {
            double x = x(origin + t);
            s.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#eee\"/>", x, TOP - 6, x, height - 20));
            s.append(f("<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%s</text>", x, TOP - 10, label(t, step)));
        }
    }

    private static String label(double t, double step) {
        return step >= 1 ? f("%.0f s", t) : step >= 0.1 ? f("%.1f s", t) : f("%.0f ms", t * 1000);
    }

    private static double niceStep(double raw) {
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (raw <= m * p) {
                return m * p;
            }
        }
        return 10 * p;
    }

    private void drawLane(StringBuilder s, Lane l, int y) {
        double end = Double.isNaN(l.end) ? t1 : l.end;
        s.append(f("<g class=\"lane\" data-task=\"%s\" data-start=\"%.4f\" data-end=\"%.4f\">",
                Html.escape(l.task.getName()), l.created - origin, end - origin));
        s.append(f("<text x=\"4\" y=\"%d\">%s</text>", y + 13, Html.escape(shorten(laneLabel(l.task), 28))));
        s.append(f("<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#bbb\"/>", x(l.created), y + 9, x(end), y + 9));
        for (int i = 0; i < l.waits.size(); i++) {
            double[] w = l.waits.get(i);
            s.append(f("<rect class=\"wait\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"%s\"><title>%s</title></rect>",
                    x(w[0]), y + 3, Math.max(0.5, x(w[1]) - x(w[0])), colour(l.waitWhat.get(i)),
                    Html.escape(f("%s waits: %s (%.3f-%.3f s)", l.task.getName(), l.waitWhat.get(i), w[0] - origin, w[1] - origin))));
        }
        for (double[] r : l.runs) {
            s.append(f("<rect class=\"run\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"12\" fill=\"#2b6cb0\"><title>%s</title></rect>",
                    x(r[0]), y + 3, Math.max(1.5, x(r[1]) - x(r[0])),
                    Html.escape(f("%s runs on the loop (%.3f-%.3f s)", l.task.getName(), r[0] - origin, r[1] - origin))));
        }
        if (l.endKind != null) {
            String c = switch (l.endKind) {
                case CANCELLED -> "#888";
                case FAILED -> "#d62728";
                default -> "#2ca02c";
            };
            s.append(f("<circle cx=\"%.1f\" cy=\"%d\" r=\"4\" fill=\"%s\"><title>%s %s at %.3f s</title></circle>",
                    x(l.end), y + 9, c, Html.escape(l.task.getName()), l.endKind.name().toLowerCase(Locale.ROOT), l.end - origin));
        }
        s.append("</g>");
    }

    /** The task's name, and its coroutine's when it has one (a lambda's generated class name says nothing). */
    private static String laneLabel(Task<?> t) {
        String coro = TaskRow.coroutineName(t);
        return coro.equals("async lambda") ? t.getName() : t.getName() + " " + coro + "()";
    }

    private static String colour(String waitWhat) {
        String w = waitWhat == null ? "" : waitWhat;
        if (w.startsWith("sleep")) {
            return "#9ecae1";
        }
        if (w.contains("Queue")) {
            return "#fdd0a2";
        }
        if (w.contains("Lock") || w.contains("Semaphore") || w.contains("Condition") || w.contains("Event")) {
            return "#c7e9c0";
        }
        if (w.contains("socket") || w.contains("stream") || w.contains("connect")) {
            return "#dadaeb";
        }
        return "#d9d9d9";
    }

    /** Tasks of one coroutine, drawn as how many are alive (pale) and running (dark) per time slice. */
    record Group(String name, int tasks, int[] alive, int[] running) {}

    private List<Group> groups() {
        Map<String, List<Lane>> byName = new LinkedHashMap<>();
        for (Lane l : lanes) {
            String key = TaskRow.coroutineName(l.task);
            if (byName.size() >= MAX_LANES - 1 && !byName.containsKey(key)) {
                key = "(other coroutines)";
            }
            byName.computeIfAbsent(key, k -> new ArrayList<>()).add(l);
        }
        List<Group> out = new ArrayList<>();
        double span = Math.max(t1 - origin, 1e-6);
        for (Map.Entry<String, List<Lane>> e : byName.entrySet()) {
            int[] alive = new int[BUCKETS];
            int[] running = new int[BUCKETS];
            for (Lane l : e.getValue()) {
                double end = Double.isNaN(l.end) ? t1 : l.end;
                mark(alive, l.created, end, span);
                for (double[] r : l.runs) {
                    mark(running, r[0], r[1], span);
                }
            }
            out.add(new Group(e.getKey(), e.getValue().size(), alive, running));
        }
        return out;
    }

    private void mark(int[] buckets, double from, double to, double span) {
        int a = (int) Math.max(0, Math.min(BUCKETS - 1, Math.floor((from - origin) / span * BUCKETS)));
        int b = (int) Math.max(0, Math.min(BUCKETS - 1, Math.floor((to - origin) / span * BUCKETS)));
        for (int i = a; i <= b; i++) {
            buckets[i]++;
        }
    }

    private void drawGroup(StringBuilder s, Group g, int y) {
        int max = 1;
        for (int v : g.alive()) {
            max = Math.max(max, v);
        }
        s.append(f("<g class=\"lane group\" data-group=\"%s\" data-tasks=\"%d\">", Html.escape(g.name()), g.tasks()));
        s.append(f("<text x=\"4\" y=\"%d\">%s</text>", y + 13, Html.escape(shorten(g.name() + " \u00d7" + g.tasks(), 28))));
        double w = (double) (WIDTH - LABEL - 10) / BUCKETS;
        double span = Math.max(t1 - origin, 1e-6);
        for (int i = 0; i < BUCKETS; i++) {
            if (g.alive()[i] == 0) {
                continue;
            }
            double h = 14.0 * g.alive()[i] / max;
            double hr = 14.0 * g.running()[i] / max;
            s.append(f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#9ecae1\"><title>%s</title></rect>",
                    LABEL + i * w, y + 17 - h, w + 0.2, h, Html.escape(f("%s: %d alive, %d ran at %.2f s", g.name(),
                            g.alive()[i], g.running()[i], i * span / BUCKETS))));
            if (hr > 0) {
                s.append(f("<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"#2b6cb0\"/>",
                        LABEL + i * w, y + 17 - hr, w + 0.2, Math.max(0.5, hr)));
            }
        }
        s.append("</g>");
    }

    private static String shorten(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "\u2026";
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    @Override
    public String toString() {
        StringBuilder t = new StringBuilder(headline());
        int shown = 0;
        for (Lane l : lanes) {
            if (shown++ == 20) {
                t.append("\n  ...");
                break;
            }
            double end = Double.isNaN(l.end) ? t1 : l.end;
            t.append(f("%n  %-24s %7.3f s -> %7.3f s  %s", l.task.getName(), l.created - origin, end - origin,
                    l.endKind == null ? "pending" : l.endKind.name().toLowerCase(Locale.ROOT)));
        }
        return t.toString();
    }
}
