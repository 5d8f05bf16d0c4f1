package io.gomsggw.smpp.pdu;

/**
 * {@code enquire_link}: a header-only request.
 *
 * @param sequenceNumber the sequence number
 */
public record EnquireLink(int sequenceNumber) implements RequestPdu {

    @Override
    public int commandId() {
        return CommandId.ENQUIRE_LINK;
    }

    @Override
    public EnquireLinkResp errorResponse(int status) {
        return new EnquireLinkResp(status, sequenceNumber);
    }

    /** The successful response. */
    public EnquireLinkResp okResponse() {
        return new EnquireLinkResp(0, sequenceNumber);
    }
}
