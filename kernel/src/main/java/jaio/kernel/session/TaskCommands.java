package jaio.kernel.session;

import jaio.CallGraphs;
import jaio.Loop;
import jaio.Task;

import java.util.ArrayList;
import java.util.List;

/**
 * The task commands of the notebook, behind {@code %task}, {@code %cancel} and {@code cancelAll()}:
 * find pending tasks by name or id, print one's await graph, cancel some or all. Call on the
 * kernel's loop (a cell's code or magic). Cells' own tasks are never cancelled by {@code --all}:
 * interrupt stops a cell.
 */
final class TaskCommands {
    private TaskCommands() {}

    /** The pending tasks named {@code nameOrId} or whose id ({@code 0x...}) it is, in creation order. */
    static List<Task<?>> find(Loop loop, String nameOrId) {
        List<Task<?>> out = new ArrayList<>();
        for (Task<?> t : loop.allTasks()) {
            if (t.getName().equals(nameOrId) || TaskRow.idOf(t).equalsIgnoreCase(nameOrId)) {
                out.add(t);
            }
        }
        return out;
    }

    /** The await graph of the task named (or with the id) {@code nameOrId}, as asyncio's pstree prints it. */
    static String graph(Loop loop, String nameOrId) {
        List<Task<?>> found = find(loop, nameOrId);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no pending task is named or has the id '" + nameOrId + "': %tasks lists them");
        }
        StringBuilder sb = new StringBuilder();
        for (Task<?> t : found) {
            if (!sb.isEmpty()) {
                sb.append("\n\n");
            }
            sb.append(CallGraphs.formatCallGraph(t));
            jaio.Waiting w = t.waitingFor();
            if (w != null) {
                sb.append(String.format(java.util.Locale.ROOT, "%n  waits for %s, since %.1f s", w.describe(), w.seconds(loop)));
            }
        }
        return sb.toString();
    }

    /** Cancels the pending tasks with these names or ids; returns a line saying what was cancelled. */
    static String cancel(Loop loop, List<String> namesOrIds) {
        List<String> cancelled = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String n : namesOrIds) {
            List<Task<?>> found = find(loop, n);
            if (found.isEmpty()) {
                unknown.add(n);
            }
            for (Task<?> t : found) {
                if (t != Task.current() && t.cancel()) {
                    cancelled.add(t.getName());
                }
            }
        }
        String out = cancelled.isEmpty() ? "cancelled nothing" : "cancelled " + cancelled.size() + ": " + String.join(", ", cancelled);
        if (!unknown.isEmpty()) {
            out += "\nno pending task named " + String.join(", ", unknown) + " (%tasks lists them)";
        }
        return out;
    }

    /** Cancels every pending task except cells' own tasks and the caller; says how many. */
    static String cancelAll(Loop loop) {
        List<String> cancelled = new ArrayList<>();
        Task<?> me = Task.current();
        for (Task<?> t : loop.allTasks()) {
            if (t != me && !isCell(t) && t.cancel()) {
                cancelled.add(t.getName());
            }
        }
        if (cancelled.isEmpty()) {
            return "cancelled nothing: no pending task";
        }
        int shown = Math.min(10, cancelled.size());
        return "cancelled " + cancelled.size() + ": " + String.join(", ", cancelled.subList(0, shown))
                + (cancelled.size() > shown ? ", ..." : "");
    }

    private static boolean isCell(Task<?> t) {
        Cell c = CurrentCell.ofTask(t);
        return c != null && c.task == t;
    }
}
