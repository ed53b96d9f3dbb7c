package jaio.kernel.protocol;

import jaio.kernel.protocol.comm.CommManager;

/** comm_open from the frontend (no reply; an unknown target is closed back on iopub). */
final class CommOpenHandler implements RequestHandler {

    private final CommManager comms;

    CommOpenHandler(CommManager comms) {
        this.comms = comms;
    }

    @Override
    public void handle(Request request) {
        try {
            comms.opened(request.message());
        } finally {
            request.finish();
        }
    }
}
