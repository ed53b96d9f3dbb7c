package jaio.kernel.magic;

import java.util.List;

/** {@code !cmd} (IPython's {@code %system}): a shell command whose output streams into the cell. Its exit status is not an error. */
final class SystemMagic implements LineMagic {
    @Override
    public String name() {
        return "system";
    }

    @Override
    public String usage() {
        return "%system COMMAND";
    }

    @Override
    public String summary() {
        return "run a shell command (also !COMMAND), its output streaming into the cell; interrupt kills it";
    }

    @Override
    public void run(MagicCall call) throws Exception {
        if (call.args().isBlank()) {
            throw new UsageException("no command to run");
        }
        ShellCommand.run(List.of("/bin/sh", "-c", call.args()));
    }
}
