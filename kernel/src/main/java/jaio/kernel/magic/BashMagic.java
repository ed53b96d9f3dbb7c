package jaio.kernel.magic;

import java.util.List;

/** {@code %%bash}: the cell's body runs as a bash script, streaming; a non-zero exit status fails the cell, as in IPython. */
final class BashMagic implements CellMagic {
    @Override
    public String name() {
        return "bash";
    }

    @Override
    public String usage() {
        return "%%bash";
    }

    @Override
    public String summary() {
        return "run the cell's lines as a bash script, its output streaming into the cell";
    }

    @Override
    public void run(MagicCall call) throws Exception {
        int status = ShellCommand.run(List.of("bash", "-c", call.body()));
        if (status != 0) {
            String msg = "the script exited with status " + status;
            throw new CellFailure("CalledProcessError", msg, List.of("CalledProcessError: " + msg));
        }
    }
}
