package io.gomsggw.mm4.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * {@code MM4_forward.RES}: the receiving relay's answer to an {@code MM4_forward.REQ} that asked for one.
 *
 * @param version       {@code X-Mms-3GPP-MMS-Version}
 * @param transactionId {@code X-Mms-Transaction-ID} of the request answered
 * @param messageId     {@code X-Mms-Message-ID} of the request answered, as it wrote it
 * @param status        {@code X-Mms-Request-Status-Code}
 * @param statusText    {@code X-Mms-Status-Text}, if any
 * @param from          the answering relay's system address ({@code From}, e.g. {@code system@mms.example.com}), if any
 * @param to            the requesting relay's system address ({@code To}: the request's
 *                      {@code X-Mms-Originator-System}), if any
 */
public record ForwardResponse(
        String version,
        String transactionId,
        String messageId,
        RequestStatus status,
        Optional<String> statusText,
        Optional<String> from,
        Optional<String> to)
        implements Mm4Message {

    public ForwardResponse {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(statusText, "statusText");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    /**
     * The answer to {@code request}: its version, transaction id and message id echoed, sent from
     * {@code systemAddress} to the request's originator system.
     */
    public static ForwardResponse answering(
            ForwardRequest request, RequestStatus status, Optional<String> statusText, String systemAddress) {
        return new ForwardResponse(
                request.version(),
                request.transactionId(),
                request.messageId(),
                status,
                statusText,
                Optional.of(systemAddress),
                request.originatorSystem());
    }

    @Override
    public Mm4MessageType type() {
        return Mm4MessageType.FORWARD_RES;
    }
}
