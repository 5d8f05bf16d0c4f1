package io.gomsggw.smpp.pdu;

/** A request PDU. Its {@code command_status} is always {@code ESME_ROK}. */
public sealed interface RequestPdu extends Pdu permits Bind, Unbind, ShortMessagePdu, DataSm, QuerySm, EnquireLink {

    @Override
    default int commandStatus() {
        return 0;
    }

    /**
     * The response that answers this request with {@code status} and an otherwise empty body
     * (e.g. an empty message id), as a session handler sends on an error.
     */
    ResponsePdu errorResponse(int status);

    /** Same as {@link #errorResponse(int)} with a named status. */
    default ResponsePdu errorResponse(CommandStatus status) {
        return errorResponse(status.code());
    }
}
