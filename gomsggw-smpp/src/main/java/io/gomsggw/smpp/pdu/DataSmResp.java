package io.gomsggw.smpp.pdu;

/**
 * {@code data_sm_resp} (spec 4.7.2). A body-less error response decodes with an empty id.
 *
 * @param commandStatus  the status
 * @param sequenceNumber the request's sequence number
 * @param messageId      at most 64 octets
 * @param tlvs           optional parameters
 */
public record DataSmResp(int commandStatus, int sequenceNumber, String messageId, Tlvs tlvs) implements ResponsePdu {

    /** Validates the fields. */
    public DataSmResp {
        Fields.cString("message_id", messageId, Fields.MESSAGE_ID);
        if (tlvs == null) {
            throw new IllegalArgumentException("tlvs is required");
        }
    }

    @Override
    public int commandId() {
        return CommandId.DATA_SM_RESP;
    }
}
