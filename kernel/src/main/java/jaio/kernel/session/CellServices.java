package jaio.kernel.session;

import jaio.kernel.language.Comms;
import jaio.kernel.language.KernelServices;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The kernel's services as a cell's own code reaches them (statically imported by the cell
 * prelude): comms with the frontend and this session's input history. They are the services of
 * the cell the calling code belongs to (its task, a task it started, or a thread it started), else
 * of the latest cell; before any cell ran there are none. Thread-safe, as the services are.
 */
public final class CellServices {
    private CellServices() {}

    /**
     * Comms with the frontend: {@code comms().open("my.target", Map.of("x", 1))} opens one,
     * {@code comms().registerTarget(...)} accepts those the frontend opens. Handlers run on the
     * kernel's shell thread and must not block.
     */
    public static Comms comms() {
        return services().comms();
    }

    /** This kernel session's inputs, oldest first, as IPython's {@code In} list: what cell n ran is {@code inputHistory().get(n - 1)} when every cell was stored. */
    public static List<String> inputHistory() {
        try {
            return services().history().range(0, 1, null).stream().map(e -> e.source()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kernel's history: " + e.getMessage(), e);
        }
    }

    private static KernelServices services() {
        Cell cell = CurrentCell.ofRunningCodeOrRecent();
        if (cell == null) {
            throw new IllegalStateException("no cell has run yet: the kernel's services belong to cells");
        }
        return cell.services;
    }
}
