package jaio.kernel.session;

import jaio.ExceptionContext;
import jaio.ExceptionHandler;
import jaio.Loop;

import java.util.ArrayList;
import java.util.List;

/**
 * The kernel loop's exception handler (asyncio's {@code loop.set_exception_handler}): what the loop
 * reports — a task that failed while nobody awaited it, a callback that threw — is shown on stderr
 * of the cell the failing code belongs to, in the user's terms (trimmed traceback, cell lines).
 *
 * <p>Which cell: the report runs in the context of the code it is about (a task's failure is
 * reported in the task's own context, which carries the cell that started it, see
 * {@link CurrentCell}); a report from nowhere in particular (a garbage-collected future) goes to
 * the most recent cell. Before any cell ran, it goes to the kernel's stderr.
 */
final class LoopErrorReport implements ExceptionHandler {
    private final CellFrames frames;

    LoopErrorReport(CellFrames frames) {
        this.frames = frames;
    }

    @Override
    public void handle(Loop loop, ExceptionContext context) {
        List<String> lines = new ArrayList<>();
        if (context.get("warning") instanceof String category) {
            // A warning (a coroutine never awaited) reads as Python prints one: where, category, message.
            String where = context.get("created_at") instanceof StackTraceElement at ? jaio.UserFrames.location(at) + ": " : "";
            lines.add(where + category + ": " + context.message());
        } else {
            lines.add(context.message() == null ? "Unhandled exception in event loop" : context.message());
            for (var e : context.asMap().entrySet()) {
                if (!e.getKey().equals("message") && !e.getKey().equals("exception")) {
                    lines.add(e.getKey() + ": " + e.getValue());
                }
            }
        }
        Throwable ex = context.exception();
        if (ex != null) {
            lines.addAll(Tracebacks.ofThrowable(ex, frames));
        }
        String text = String.join("\n", lines) + "\n";
        Cell cell = CurrentCell.ofRunningCodeOrRecent();
        if (cell != null) {
            cell.output.writeText("stderr", text);
        } else {
            OutputRouter.kernelErr().print(text);
        }
    }
}
