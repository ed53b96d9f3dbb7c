package jaio.kernel.protocol;

import jaio.kernel.protocol.comm.CommManager;
import jaio.kernel.protocol.history.HistoryStore;
import jaio.kernel.wire.ConnectionInfo;

/**
 * What the kernel offers a session beyond a cell's {@link ExecutionContext}: the comm registry, the
 * history, and iopub for messages that belong to no cell.
 */
public record KernelServices(ConnectionInfo connectionInfo, CommManager comms, HistoryStore history, Iopub iopub) {
}
