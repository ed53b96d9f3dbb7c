package jaio.kernel.session;

import java.util.List;

/** {@code %%bash}: the cell's body runs as a bash script, streaming; a non-zero exit status is the cell's error, as in IPython. */
final class BashMagic extends BaseMagic {
    BashMagic() {
        super("bash", "%%bash (then the script on the next lines)", false, true);
    }

    @Override
    public ExecutionResult run(String args, String body, MagicContext context) throws Exception {
        int status = ShellCommand.run(List.of("bash", "-c", body), context.cell());
        if (status != 0) {
            String msg = "the script exited with status " + status;
            return new ExecutionResult.Error("CalledProcessError", msg, List.of("CalledProcessError: " + msg));
        }
        return ExecutionResult.ok();
    }
}
