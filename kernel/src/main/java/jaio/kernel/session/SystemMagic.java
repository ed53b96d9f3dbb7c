package jaio.kernel.session;

import java.util.List;

/** {@code !cmd} (IPython's {@code %system}): a shell command whose output streams into the cell. Its exit status is not an error. */
final class SystemMagic extends BaseMagic {
    SystemMagic() {
        super("system", "!COMMAND   or   %system COMMAND", true, false);
    }

    @Override
    public ExecutionResult run(String args, String body, MagicContext context) throws Exception {
        if (args.isBlank()) {
            throw new MagicUsageError("no command to run");
        }
        ShellCommand.run(List.of("/bin/sh", "-c", args), context.cell());
        return ExecutionResult.ok();
    }
}
