package jaio.kernel.magic.tasks;

import jaio.kernel.magic.ArgumentCompletion;
import jaio.kernel.magic.LineMagic;
import jaio.kernel.magic.MagicCall;
import jaio.kernel.magic.UsageException;
import jaio.kernel.session.TaskNameCompletion;
import jaio.kernel.session.TaskViews;
import java.util.List;

/** {@code %task NAME-or-id}: the await graph of one pending task, as asyncio's pstree prints it. */
public final class TaskMagic implements LineMagic {
    @Override
    public String name() {
        return "task";
    }

    @Override
    public String usage() {
        return "%task NAME-or-id";
    }

    @Override
    public String summary() {
        return "print a pending task's await graph: its frames (cell and line) and the tasks awaiting it";
    }

    @Override
    public void run(MagicCall call) {
        if (call.argv().size() != 1) {
            throw new UsageException("%task takes one task name or id (%tasks lists them)");
        }
        try {
            call.print(TaskViews.taskGraph(call.argv().getFirst()) + "\n");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    /** The names (or ids) of pending tasks; one task only. */
    @Override
    public List<String> completeArgument(ArgumentCompletion request) {
        return request.previous().isEmpty() ? TaskNameCompletion.complete(request.loop(), request.word(), List.of()) : List.of();
    }
}
