package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import java.util.concurrent.CompletionStage;

/**
 * Answers the requests a peer sends on a bound session: {@code submit_sm}, {@code data_sm} and
 * {@code query_sm} on the server side, {@code deliver_sm} and {@code data_sm} on the client side.
 * The session itself answers {@code bind_*}, {@code enquire_link} and {@code unbind}, refuses
 * requests the bind state does not allow ({@code ESME_RINVBNDSTS}) and answers unknown commands
 * with {@code generic_nack}; those never reach the handler.
 *
 * <p><b>Threading:</b> called on the session's event loop. It must not block: return a stage and
 * complete it from other threads. The session writes the response when the stage completes; an
 * exceptional completion is answered {@code ESME_RSYSERR} (and logged once, without the stack
 * trace for expected failures). Responses may complete out of order; each carries its request's
 * sequence number.
 */
@FunctionalInterface
public interface SmppRequestHandler {
    CompletionStage<? extends ResponsePdu> onRequest(SmppSession session, RequestPdu request);
}
