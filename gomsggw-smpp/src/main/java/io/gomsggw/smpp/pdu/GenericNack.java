package io.gomsggw.smpp.pdu;

/**
 * {@code generic_nack}: the answer to a PDU whose header is invalid or whose command id is
 * unknown (spec 4.3).
 *
 * @param commandStatus  the error, e.g. {@code ESME_RINVCMDID}
 * @param sequenceNumber the offending PDU's sequence number, or 0 when it was unreadable
 */
public record GenericNack(int commandStatus, int sequenceNumber) implements ResponsePdu {

    @Override
    public int commandId() {
        return CommandId.GENERIC_NACK;
    }
}
