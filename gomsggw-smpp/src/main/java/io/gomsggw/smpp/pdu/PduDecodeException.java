package io.gomsggw.smpp.pdu;

import java.util.OptionalInt;

/**
 * The bytes given to {@link PduDecoder} are not a valid PDU. Carries the status to answer with
 * and, when the header was readable, the command id and sequence number so the caller can pick
 * the response: a {@code generic_nack} when {@link #commandId()} is empty or unknown
 * ({@code ESME_RINVCMDID}), else the matching {@code *_resp}. When {@link #framingLost()} is
 * true the stream cannot be trusted any more and the session should be closed after answering.
 */
public final class PduDecodeException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int commandStatus;
    private final OptionalInt commandId;
    private final OptionalInt sequenceNumber;
    private final boolean framingLost;

    /**
     * @param commandStatus  the status to answer with
     * @param commandId      the command id, if read
     * @param sequenceNumber the sequence number, if read
     * @param framingLost    whether the length field itself is wrong
     * @param message        what is wrong, without message content
     */
    public PduDecodeException(
            CommandStatus commandStatus,
            OptionalInt commandId,
            OptionalInt sequenceNumber,
            boolean framingLost,
            String message) {
        super(message, null, false, false);
        this.commandStatus = commandStatus.code();
        this.commandId = commandId;
        this.sequenceNumber = sequenceNumber;
        this.framingLost = framingLost;
    }

    /** The {@code command_status} to answer with. */
    public int commandStatus() {
        return commandStatus;
    }

    /** The command id when the header was readable. */
    public OptionalInt commandId() {
        return commandId;
    }

    /** The sequence number when the header was readable. */
    public OptionalInt sequenceNumber() {
        return sequenceNumber;
    }

    /** Whether the framing is lost (bad {@code command_length}): close the session. */
    public boolean framingLost() {
        return framingLost;
    }

    /**
     * The PDU to send back: {@code generic_nack} for a bad header or unknown command, else the
     * error response of the request type; empty when the offending PDU was itself a response
     * (a response is never answered).
     */
    public java.util.Optional<ResponsePdu> response() {
        int seq = sequenceNumber.orElse(0);
        if (commandId.isEmpty() || framingLost || commandStatus == CommandStatus.ESME_RINVCMDID.code()) {
            return java.util.Optional.of(new GenericNack(commandStatus, seq));
        }
        int id = commandId.getAsInt();
        if (CommandId.isResponse(id)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(
                switch (id) {
                    case CommandId.BIND_RECEIVER, CommandId.BIND_TRANSMITTER, CommandId.BIND_TRANSCEIVER ->
                        new BindResp(BindMode.ofCommandId(id), commandStatus, seq, "", Tlvs.NONE);
                    case CommandId.SUBMIT_SM -> new SubmitSmResp(commandStatus, seq, "");
                    case CommandId.DELIVER_SM -> new DeliverSmResp(commandStatus, seq, "");
                    case CommandId.DATA_SM -> new DataSmResp(commandStatus, seq, "", Tlvs.NONE);
                    case CommandId.QUERY_SM -> new QuerySmResp(commandStatus, seq, "", "", 0, 0);
                    case CommandId.UNBIND -> new UnbindResp(commandStatus, seq);
                    case CommandId.ENQUIRE_LINK -> new EnquireLinkResp(commandStatus, seq);
                    default -> new GenericNack(commandStatus, seq);
                });
    }
}
