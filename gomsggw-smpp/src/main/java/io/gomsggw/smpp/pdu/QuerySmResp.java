package io.gomsggw.smpp.pdu;

/**
 * {@code query_sm_resp} (spec 4.8.2). A body-less error response decodes with empty strings and
 * zeros, and such a response is encoded without a body.
 *
 * @param commandStatus  the status
 * @param sequenceNumber the request's sequence number
 * @param messageId      at most 64 octets
 * @param finalDate      empty or a 16-character time
 * @param messageState   see {@link MessageState}
 * @param errorCode      network error code
 */
public record QuerySmResp(
        int commandStatus, int sequenceNumber, String messageId, String finalDate, int messageState, int errorCode)
        implements ResponsePdu {

    /** Validates the fields. */
    public QuerySmResp {
        Fields.cString("message_id", messageId, Fields.MESSAGE_ID);
        Fields.cString("final_date", finalDate, Fields.TIME);
        Fields.u8("message_state", messageState);
        Fields.u8("error_code", errorCode);
    }

    @Override
    public int commandId() {
        return CommandId.QUERY_SM_RESP;
    }
}
