package io.gomsggw.smpp.pdu;

/**
 * One SMPP 3.4 protocol data unit: the 16-octet header ({@code command_length} is implied by the
 * encoding) and an immutable body. Requests and responses are the two sealed branches.
 */
public sealed interface Pdu permits RequestPdu, ResponsePdu {

    /** The {@code command_id}, one of {@link CommandId}. */
    int commandId();

    /** The {@code command_status}: always 0 for a request, see {@link CommandStatus}. */
    int commandStatus();

    /** The {@code sequence_number} that pairs a response with its request. */
    int sequenceNumber();

    /** Whether this is a response PDU (including {@code generic_nack}). */
    default boolean isResponse() {
        return CommandId.isResponse(commandId());
    }
}
