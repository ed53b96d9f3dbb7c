package jaio.kernel.magic.tasks;

import jaio.kernel.magic.LineMagic;
import jaio.kernel.magic.MagicCall;
import jaio.kernel.magic.UsageException;
import jaio.kernel.session.TaskViews;

/** {@code %tasks [--live]}: the pending tasks of the kernel loop, once or refreshed live. */
public final class TasksMagic implements LineMagic {
    @Override
    public String name() {
        return "tasks";
    }

    @Override
    public String usage() {
        return "%tasks [--live]";
    }

    @Override
    public String summary() {
        return "show the pending tasks: where each waits and which cell started it (--live: keep refreshing)";
    }

    @Override
    public void run(MagicCall call) {
        var argv = call.argv();
        if (argv.isEmpty()) {
            call.display(TaskViews.tasks());
        } else if (argv.equals(java.util.List.of("--live"))) {
            TaskViews.tasks().live();
        } else {
            throw new UsageException("%tasks takes only --live, got '" + call.args() + "'");
        }
    }
}
