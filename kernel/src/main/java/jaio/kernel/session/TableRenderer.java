package jaio.kernel.session;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Shows a collection of records (of one type) or of maps as a table: HTML for notebooks, aligned
 * text for the rest. Columns are the record's components, or the maps' keys in order of first
 * appearance; at most {@value #MAX_ROWS} rows are shown, then how many were left out.
 */
final class TableRenderer {
    static final int MAX_ROWS = 100;

    private TableRenderer() {}

    /** The table bundle for {@code value}, or null when it is not a non-empty collection of records or maps. */
    static Map<String, Object> render(Object value) {
        if (!(value instanceof Collection<?> rows) || rows.isEmpty()) {
            return null;
        }
        List<String> columns = columns(rows);
        if (columns == null) {
            return null;
        }
        List<List<String>> cells = new ArrayList<>();
        int n = 0;
        for (Object row : rows) {
            if (n++ == MAX_ROWS) {
                break;
            }
            List<String> r = new ArrayList<>();
            for (String c : columns) {
                r.add(String.valueOf(cell(row, c)));
            }
            cells.add(r);
        }
        String more = rows.size() > MAX_ROWS ? "… " + (rows.size() - MAX_ROWS) + " more rows" : null;
        Map<String, Object> bundle = new LinkedHashMap<>();
        bundle.put("text/html", html(columns, cells, more));
        bundle.put("text/plain", text(columns, cells, more));
        return bundle;
    }

    private static List<String> columns(Collection<?> rows) {
        Object first = rows.iterator().next();
        if (first instanceof Record) {
            Class<?> type = first.getClass();
            for (Object r : rows) {
                if (r == null || r.getClass() != type) {
                    return null;
                }
            }
            List<String> out = new ArrayList<>();
            for (RecordComponent c : type.getRecordComponents()) {
                out.add(c.getName());
            }
            return out;
        }
        if (first instanceof Map<?, ?>) {
            LinkedHashSet<String> keys = new LinkedHashSet<>();
            for (Object r : rows) {
                if (!(r instanceof Map<?, ?> m)) {
                    return null;
                }
                m.keySet().forEach(k -> keys.add(String.valueOf(k)));
            }
            return new ArrayList<>(keys);
        }
        return null;
    }

    private static Object cell(Object row, String column) {
        if (row instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (String.valueOf(e.getKey()).equals(column)) {
                    return e.getValue();
                }
            }
            return "";
        }
        for (RecordComponent c : row.getClass().getRecordComponents()) {
            if (c.getName().equals(column)) {
                try {
                    var accessor = c.getAccessor();
                    accessor.setAccessible(true);
                    return accessor.invoke(row);
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return "<" + e.getClass().getSimpleName() + ">";
                }
            }
        }
        return "";
    }

    private static String html(List<String> columns, List<List<String>> cells, String more) {
        StringBuilder sb = new StringBuilder("<table>\n<thead><tr>");
        columns.forEach(c -> sb.append("<th>").append(escape(c)).append("</th>"));
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : cells) {
            sb.append("<tr>");
            row.forEach(v -> sb.append("<td>").append(escape(v)).append("</td>"));
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>");
        if (more != null) {
            sb.append("\n<p>").append(more).append("</p>");
        }
        return sb.toString();
    }

    private static String text(List<String> columns, List<List<String>> cells, String more) {
        int[] width = new int[columns.size()];
        for (int i = 0; i < width.length; i++) {
            width[i] = columns.get(i).length();
            for (List<String> row : cells) {
                width[i] = Math.max(width[i], row.get(i).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, columns, width);
        for (int i = 0; i < width.length; i++) {
            sb.append(i == 0 ? "" : "  ").append("-".repeat(width[i]));
        }
        sb.append('\n');
        cells.forEach(row -> line(sb, row, width));
        if (more != null) {
            sb.append(more).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    private static void line(StringBuilder sb, List<String> values, int[] width) {
        StringBuilder l = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            l.append(i == 0 ? "" : "  ").append(values.get(i)).append(" ".repeat(width[i] - values.get(i).length()));
        }
        sb.append(l.toString().stripTrailing()).append('\n');
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
