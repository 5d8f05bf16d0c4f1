package io.gomsggw.smpp.pdu;

/**
 * {@code deliver_sm_resp}. The message id is unused by 3.4 and normally empty; the body is
 * omitted when the status is not {@code ESME_ROK}.
 *
 * @param commandStatus  the status
 * @param sequenceNumber the request's sequence number
 * @param messageId      normally empty, at most 64 octets
 */
public record DeliverSmResp(int commandStatus, int sequenceNumber, String messageId) implements ResponsePdu {

    /** Validates the message id. */
    public DeliverSmResp {
        Fields.cString("message_id", messageId, Fields.MESSAGE_ID);
    }

    /** A successful response for {@code sequenceNumber}. */
    public static DeliverSmResp ok(int sequenceNumber) {
        return new DeliverSmResp(0, sequenceNumber, "");
    }

    @Override
    public int commandId() {
        return CommandId.DELIVER_SM_RESP;
    }
}
