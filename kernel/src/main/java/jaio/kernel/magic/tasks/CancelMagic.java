package jaio.kernel.magic.tasks;

import jaio.kernel.magic.ArgumentCompletion;
import jaio.kernel.magic.LineMagic;
import jaio.kernel.magic.MagicCall;
import jaio.kernel.magic.UsageException;
import jaio.kernel.session.TaskNameCompletion;
import jaio.kernel.session.TaskViews;
import java.util.List;

/** {@code %cancel NAME...} or {@code %cancel --all}: cancels pending tasks and says which. */
public final class CancelMagic implements LineMagic {
    @Override
    public String name() {
        return "cancel";
    }

    @Override
    public String usage() {
        return "%cancel NAME-or-id... | --all";
    }

    @Override
    public String summary() {
        return "cancel pending tasks by name or id, or all of them (cells' own tasks excepted)";
    }

    @Override
    public void run(MagicCall call) {
        var argv = call.argv();
        if (argv.isEmpty()) {
            throw new UsageException("%cancel needs task names or ids, or --all");
        }
        if (argv.contains("--all")) {
            if (argv.size() != 1) {
                throw new UsageException("%cancel --all takes no names");
            }
            call.print(TaskViews.cancelAll() + "\n");
        } else {
            call.print(TaskViews.cancel(argv.toArray(String[]::new)) + "\n");
        }
    }

    /** The names (or ids) of pending tasks not named yet on the line, and {@code --all} as the only argument. */
    @Override
    public List<String> completeArgument(ArgumentCompletion request) {
        if (request.previous().contains("--all")) {
            return List.of();
        }
        if (request.word().startsWith("-")) {
            return request.previous().isEmpty() && "--all".startsWith(request.word()) ? List.of("--all") : List.of();
        }
        return TaskNameCompletion.complete(request.loop(), request.word(), request.previous());
    }
}
