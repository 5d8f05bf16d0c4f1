package io.gomsggw.core.store;

import io.gomsggw.core.model.MessageStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * A delivery report the gateway owes a client and sends by itself (an {@code MM4_delivery_report.REQ}
 * to the PBX that asked for one): what the report says, so it can be sent after a restart. Immutable.
 *
 * @param messageId       the message's id
 * @param clientId        the client that sent the message and receives the report
 * @param owner           the node that sends it ({@code SERVER_ID}), null on a database that serves one node
 * @param clientMessageId the client's own id of the message, which the report names
 * @param from            the message's sender (E.164)
 * @param to              the message's recipient (E.164)
 * @param status          the final status the report gives
 * @param reason          why the message failed, null when it did not
 * @param doneAt          when the message reached {@code status}
 */
public record OwedReport(
        String messageId,
        long clientId,
        String owner,
        String clientMessageId,
        String from,
        String to,
        MessageStatus status,
        String reason,
        Instant doneAt) {
    public OwedReport {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(clientMessageId, "clientMessageId");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(doneAt, "doneAt");
    }
}
