package jaio.kernel.protocol;

import jaio.kernel.protocol.comm.CommManager;

/** comm_msg from the frontend (no reply). */
final class CommMsgHandler implements RequestHandler {

    private final CommManager comms;

    CommMsgHandler(CommManager comms) {
        this.comms = comms;
    }

    @Override
    public void handle(Request request) {
        try {
            comms.received(request.message());
        } finally {
            request.finish();
        }
    }
}
