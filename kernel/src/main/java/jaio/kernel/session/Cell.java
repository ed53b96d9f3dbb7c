package jaio.kernel.session;

import jaio.kernel.language.KernelServices;

import jaio.Task;
import jaio.kernel.language.CellContext;
import jaio.kernel.language.OutputSink;

/**
 * One execute request while and after it runs: its output buffer (which outlives the cell, for the
 * tasks it started) and, while it runs, its task and that task's thread (the target of interrupts).
 */
final class Cell {
    final CellContext context;
    final CellOutput output;
    /** The kernel's comms and history, as this cell's code reaches them ({@link CellServices}). */
    final KernelServices services;
    volatile Task<?> task;
    volatile Thread thread;
    volatile boolean interruptRequested;
    /** The last interrupt was delivered as a KeyboardInterrupt out of a seed's loop run (set under the cell's lock). */
    volatile boolean scriptRunInterrupted;
    volatile boolean finished;

    Cell(CellContext context, OutputSink sink, KernelServices services) {
        this.context = context;
        this.output = new CellOutput(sink);
        this.services = services;
    }

    /** How tracebacks name this cell: {@code In[3]}, as IPython does. */
    String label() {
        return "In[" + context.executionCount() + "]";
    }
}
