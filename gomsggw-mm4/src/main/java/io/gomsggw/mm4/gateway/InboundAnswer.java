package io.gomsggw.mm4.gateway;

import io.gomsggw.mm4.codec.RequestStatus;
import java.util.Optional;

/**
 * What the gateway answers a message a PBX sent: the SMTP reply after {@code DATA} and, for a forward request
 * that asked for one, the {@code X-Mms-Request-Status-Code} of its {@code MM4_forward.RES} (empty: no
 * response is due, e.g. while the node pushes back and the PBX will send the request again).
 *
 * @param smtpCode   the reply code: 250, 451, 550 or 554
 * @param smtpText   the reply text, with its enhanced status code
 * @param resStatus  the status of the {@code .RES} to send, if one is due
 * @param statusText {@code X-Mms-Status-Text} of that {@code .RES}, if any
 */
record InboundAnswer(int smtpCode, String smtpText, Optional<RequestStatus> resStatus, Optional<String> statusText) {

    static InboundAnswer stored(String text) {
        return new InboundAnswer(250, "2.0.0 " + text, Optional.of(RequestStatus.OK), Optional.empty());
    }

    static InboundAnswer storedExcept(String text, String refusals) {
        return new InboundAnswer(250, "2.0.0 " + text, Optional.of(RequestStatus.OK), Optional.of(refusals));
    }

    /** Accepted without a {@code .RES}: a response or report the PBX sent. */
    static InboundAnswer taken(String text) {
        return new InboundAnswer(250, "2.0.0 " + text, Optional.empty(), Optional.empty());
    }

    static InboundAnswer tryLater(String text) {
        return new InboundAnswer(451, "4.3.0 " + text, Optional.empty(), Optional.empty());
    }

    static InboundAnswer denied(String text) {
        return new InboundAnswer(
                550, "5.7.1 " + text, Optional.of(RequestStatus.ERROR_SERVICE_DENIED), Optional.of(text));
    }

    static InboundAnswer refused(RequestStatus status, String text) {
        return new InboundAnswer(554, "5.6.0 " + text, Optional.of(status), Optional.of(text));
    }
}
