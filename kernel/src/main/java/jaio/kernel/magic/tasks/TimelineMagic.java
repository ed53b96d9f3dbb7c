package jaio.kernel.magic.tasks;

import jaio.kernel.magic.CellMagic;
import jaio.kernel.magic.MagicCall;
import jaio.kernel.magic.UsageException;
import jaio.kernel.session.TaskViews;

/** {@code %%timeline}: runs the cell while recording its tasks, then draws their timeline (SVG). */
public final class TimelineMagic implements CellMagic {
    @Override
    public String name() {
        return "timeline";
    }

    @Override
    public String usage() {
        return "%%timeline";
    }

    @Override
    public String summary() {
        return "run the cell and draw when each of its tasks ran, waited (and for what) and ended";
    }

    @Override
    public void run(MagicCall call) {
        if (!call.args().isEmpty()) {
            throw new UsageException("%%timeline takes no arguments");
        }
        TaskViews.timelineOfCell("cell In[" + call.executionCount() + "]", () -> call.run(call.body()));
    }
}
