package jaio.kernel.session;

import jaio.Loop;
import jaio.Task;
import jaio.UserFrames;
import jaio.Waiting;

import java.util.List;

/**
 * One pending task as the task views show it: a snapshot taken on the loop, so it can be rendered
 * anywhere later. {@code where} is the user frame where it is suspended ({@code fetch() at cell [3]:4}),
 * {@code waits} what it waits for, {@code waited} for how many seconds (NaN when not waiting).
 */
record TaskRow(String id, String name, String state, double age, String cell, String where, String waits, double waited) {

    /** Snapshot of {@code t}; {@code current} is the task asking (shown as running). Call on the loop. */
    static TaskRow of(Task<?> t, Task<?> current, Loop loop) {
        Waiting w = t.waitingFor();
        String state = t == current ? "running" : w != null ? "waiting" : "ready";
        List<StackTraceElement> top = t.getStack(1);
        Cell cell = CurrentCell.ofTask(t);
        return new TaskRow(idOf(t), t.getName(), state, t.age(), cell == null ? "" : cell.label(),
                top.isEmpty() ? notStarted(t) : where(top.getFirst()), w == null ? "" : w.describe(),
                w == null ? Double.NaN : w.seconds(loop));
    }

    /** How the views name a task for {@code %task} and {@code %cancel}: its identity as hex, as asyncio's ps. */
    static String idOf(Task<?> t) {
        return "0x" + Integer.toHexString(System.identityHashCode(t));
    }

    /**
     * A coroutine's name as a person reads it: a lambda's generated class name ({@code $JShell$25$$Lambda/0x...})
     * says nothing, so it reads "async lambda".
     */
    static String coroutineName(Task<?> t) {
        String n = t.getCoro().getName();
        return n.contains("$Lambda") ? "async lambda" : n;
    }

    /** Where a task that has no user frame is: not started yet, or inside a runtime coroutine such as sleep(). */
    private static String notStarted(Task<?> t) {
        String n = coroutineName(t);
        return n.equals("async lambda") ? "(not started)" : n + "()";
    }

    static String where(StackTraceElement f) {
        return UserFrames.callName(f) + " at " + f.getFileName() + ":" + f.getLineNumber();
    }
}
