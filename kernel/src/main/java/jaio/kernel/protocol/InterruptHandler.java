package jaio.kernel.protocol;

import com.google.gson.JsonObject;
import jaio.kernel.language.LanguageSession;
import jaio.kernel.wire.KernelLog;

/**
 * interrupt_request (control channel, {@code interrupt_mode: message}): interrupts the session's
 * running cell and abandons a pending input request, then replies ok at once; the interrupted cell's
 * own execute_reply follows on shell when the session has stopped it.
 */
final class InterruptHandler implements RequestHandler {

    private final LanguageSession session;
    private final StdinChannel stdin;
    private final InterruptCount interrupts;

    InterruptHandler(LanguageSession session, StdinChannel stdin, InterruptCount interrupts) {
        this.session = session;
        this.stdin = stdin;
        this.interrupts = interrupts;
    }

    @Override
    public void handle(Request request) {
        interrupts.received();
        try {
            session.interrupt();
        } catch (RuntimeException e) {
            KernelLog.error("session.interrupt failed", e);
        }
        stdin.interruptPending();
        JsonObject content = new JsonObject();
        content.addProperty("status", "ok");
        request.reply(content);
    }
}
