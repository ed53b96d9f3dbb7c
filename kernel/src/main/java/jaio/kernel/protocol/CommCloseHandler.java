package jaio.kernel.protocol;

import jaio.kernel.protocol.comm.CommManager;

/** comm_close from the frontend (no reply). */
final class CommCloseHandler implements RequestHandler {

    private final CommManager comms;

    CommCloseHandler(CommManager comms) {
        this.comms = comms;
    }

    @Override
    public void handle(Request request) {
        try {
            comms.closed(request.message());
        } finally {
            request.finish();
        }
    }
}
