package io.gomsggw.smpp.pdu;

/**
 * {@code query_sm} (spec 4.8.1).
 *
 * @param sequenceNumber the sequence number
 * @param messageId      the id from submit_sm_resp, at most 64 octets
 * @param source         the source address of the original message, at most 20 octets
 */
public record QuerySm(int sequenceNumber, String messageId, Address source) implements RequestPdu {

    /** Validates the fields. */
    public QuerySm {
        Fields.cString("message_id", messageId, Fields.MESSAGE_ID);
        if (source == null) {
            throw new IllegalArgumentException("source is required");
        }
        source.requireMax("source_addr", Fields.ADDRESS);
    }

    @Override
    public int commandId() {
        return CommandId.QUERY_SM;
    }

    @Override
    public QuerySmResp errorResponse(int status) {
        return new QuerySmResp(status, sequenceNumber, "", "", 0, 0);
    }
}
