package jaio;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Await-graph introspection (asyncio 3.14's {@code graph.py}): {@code captureCallGraph},
 * {@code formatCallGraph}, {@code printCallGraph}.
 *
 * <p>A task's call stack is the user frames of its thread where it is suspended (jaio's coroutines
 * are stackful, so a chain {@code main -> fetch -> read} awaited inline is one stack). "Awaited
 * by" is found, not tracked: a task awaits {@code f} when it is suspended on {@code f}, on a
 * {@code gather} of {@code f}, or at the end of a TaskGroup that holds {@code f}. Computing it on
 * demand keeps the await path free of bookkeeping. Call these from the loop's thread or one of
 * its tasks, as everything that reads a loop's tasks.
 */
public final class CallGraphs {
    private CallGraphs() {}

    /** The graph of the current task; null outside a task. Its first frames are the caller's. */
    public static FutureCallGraph captureCallGraph() {
        return captureCallGraph(null, 1, null);
    }

    /** The graph of {@code future} (the current task when null). */
    public static FutureCallGraph captureCallGraph(Future<?> future) {
        return captureCallGraph(future, 1, null);
    }

    /**
     * asyncio's {@code capture_call_graph(future, depth=, limit=)}: {@code depth} - 1 user frames
     * of the current task's stack are skipped (jaio's own frames never show, so 1 starts at the
     * caller, as in asyncio); {@code limit}
     * keeps at most that many frames of each stack, innermost when positive, outermost when
     * negative, none when 0; null keeps all.
     */
    public static FutureCallGraph captureCallGraph(Future<?> future, int depth, Integer limit) {
        Loop loop = Loop.runningOrNull();
        Task<?> current = loop == null ? null : loop.currentTaskOnThisThread();
        if (future == null) {
            if (loop == null) {
                throw new AsyncRuntimeError("captureCallGraph() is called outside of a running event loop "
                        + "and no future to introspect was provided");
            }
            future = current;
            if (future == null) {
                return null;
            }
        }
        List<StackTraceElement> frames;
        if (future == current) {
            frames = UserFrames.of(new Throwable().getStackTrace(), Integer.MAX_VALUE);
            frames = frames.subList(Math.min(frames.size(), Math.max(0, depth - 1)), frames.size());
        } else {
            frames = future instanceof Task<?> t ? t.getStack() : List.of();
        }
        return build(future, frames, limit, Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static FutureCallGraph build(Future<?> future, List<StackTraceElement> frames, Integer limit, Set<Future<?>> seen) {
        seen.add(future);
        List<FrameCallGraphEntry> stack = new ArrayList<>();
        for (StackTraceElement e : limited(frames, limit)) {
            stack.add(new FrameCallGraphEntry(e));
        }
        List<FutureCallGraph> awaitedBy = new ArrayList<>();
        for (Task<?> parent : awaitedBy(future)) {
            if (!seen.contains(parent)) {
                awaitedBy.add(build(parent, parent.getStack(), limit, seen));
            }
        }
        return new FutureCallGraph(future, stack, awaitedBy);
    }

    private static List<StackTraceElement> limited(List<StackTraceElement> frames, Integer limit) {
        if (limit == null) {
            return frames;
        }
        int n = Math.min(Math.abs(limit), frames.size());
        return limit >= 0 ? frames.subList(0, n) : frames.subList(frames.size() - n, frames.size());
    }

    /** The pending tasks of {@code future}'s loop that await it (see the class comment). */
    public static List<Task<?>> awaitedBy(Future<?> future) {
        List<Task<?>> out = new ArrayList<>();
        for (Task<?> t : future.getLoop().allTasks()) {
            if (t != future && awaits(t, future)) {
                out.add(t);
            }
        }
        return out;
    }

    /** Whether {@code parent} is suspended waiting, directly or through gather or a TaskGroup, for {@code f}. */
    static boolean awaits(Task<?> parent, Future<?> f) {
        Future<?> w = parent.futWaiter();
        if (w == f || (w != null && Tasks.gathers(w, f))) {
            return true;
        }
        return parent.waitOn() instanceof TaskGroup g && g.holds(f);
    }

    /** asyncio's {@code format_call_graph}: the graph as the lines {@link #printCallGraph} prints. */
    public static String formatCallGraph(Future<?> future) {
        return formatCallGraph(future, 1, null);
    }

    /**
     * The call graph of {@code future}'s task as text, skipping {@code depth - 1} innermost frames, at
     * most {@code limit} entries (asyncio's {@code format_call_graph}, 3.14).
     */
    public static String formatCallGraph(Future<?> future, int depth, Integer limit) {
        FutureCallGraph g = captureCallGraph(future, depth, limit);
        return g == null ? "" : format(g);
    }

    /** Renders a captured graph, as asyncio does: one "* Task(...)" per node, four spaces per level. */
    public static String format(FutureCallGraph graph) {
        List<String> lines = new ArrayList<>();
        render(graph, lines, 0);
        return String.join("\n", lines);
    }

    private static void render(FutureCallGraph g, List<String> lines, int level) {
        String indent = "    ".repeat(level);
        String id = "0x" + Integer.toHexString(System.identityHashCode(g.future()));
        if (g.future() instanceof Task<?> t) {
            lines.add(indent + "* Task(name='" + t.getName() + "', id=" + id + ")");
        } else {
            lines.add(indent + "* Future(id=" + id + ")");
        }
        if (!g.callStack().isEmpty()) {
            lines.add(indent + "  + Call stack:");
            for (FrameCallGraphEntry e : g.callStack()) {
                StackTraceElement f = e.frame();
                lines.add(indent + "  |   File '" + f.getFileName() + "', line " + f.getLineNumber()
                        + ", in " + UserFrames.callName(f));
            }
        }
        if (!g.awaitedBy().isEmpty()) {
            lines.add(indent + "  + Awaited by:");
            for (FutureCallGraph p : g.awaitedBy()) {
                render(p, lines, level + 1);
            }
        }
    }

    /** asyncio's {@code print_call_graph}: prints the graph of {@code future} (the current task when null). */
    public static void printCallGraph(Future<?> future, PrintStream out) {
        String s = formatCallGraph(future, 1, null);
        if (!s.isEmpty()) {
            out.println(s);
        }
    }

    /** Prints the call graph of {@code future}'s task (asyncio's {@code print_call_graph(future)}, 3.14). */
    public static void printCallGraph(Future<?> future) {
        printCallGraph(future, System.out);
    }

    /** Prints the call graph of the current task (asyncio's {@code print_call_graph()}, 3.14). */
    public static void printCallGraph() {
        printCallGraph(null, System.out);
    }
}
