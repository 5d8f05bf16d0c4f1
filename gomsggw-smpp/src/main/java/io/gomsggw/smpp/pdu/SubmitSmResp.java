package io.gomsggw.smpp.pdu;

/**
 * {@code submit_sm_resp}. Per spec 4.4.2 the body is omitted when the status is not
 * {@code ESME_ROK}; such a response decodes (and must be built) with an empty {@code messageId}.
 *
 * @param commandStatus  the status
 * @param sequenceNumber the request's sequence number
 * @param messageId      the id given to the message, at most 64 octets
 */
public record SubmitSmResp(int commandStatus, int sequenceNumber, String messageId) implements ResponsePdu {

    /** Validates the message id. */
    public SubmitSmResp {
        Fields.cString("message_id", messageId, Fields.MESSAGE_ID);
    }

    @Override
    public int commandId() {
        return CommandId.SUBMIT_SM_RESP;
    }
}
