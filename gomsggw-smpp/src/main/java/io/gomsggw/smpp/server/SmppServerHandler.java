package io.gomsggw.smpp.server;

import io.gomsggw.smpp.session.SmppRequestHandler;
import io.gomsggw.smpp.session.SmppSession;
import java.util.concurrent.CompletionStage;

/**
 * What the SMPP server asks of the application: whether a bind is allowed, and the answers to the
 * requests of bound sessions ({@link SmppRequestHandler}).
 *
 * <p><b>Threading:</b> every method is called on the session's event loop and must not block;
 * {@link #authenticate} returns a stage that may be completed from another thread.
 */
public interface SmppServerHandler extends SmppRequestHandler {

    /**
     * Decides a {@code bind_transmitter|receiver|transceiver}. The server answers
     * {@code bind_*_resp} with the decision's status; an exceptional completion is answered
     * {@code ESME_RBINDFAIL}.
     */
    CompletionStage<BindDecision> authenticate(BindRequest request);

    /** A session was bound (after its {@code bind_*_resp} was written). */
    default void onBound(SmppSession session) {}

    /** A bound session ended, by {@code unbind}, by the peer, by a timeout or by the server's close. */
    default void onClosed(SmppSession session) {}
}
