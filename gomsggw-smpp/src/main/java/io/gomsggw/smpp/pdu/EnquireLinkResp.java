package io.gomsggw.smpp.pdu;

/**
 * {@code enquire_link_resp}: a header-only response.
 *
 * @param commandStatus  the status
 * @param sequenceNumber the request's sequence number
 */
public record EnquireLinkResp(int commandStatus, int sequenceNumber) implements ResponsePdu {

    @Override
    public int commandId() {
        return CommandId.ENQUIRE_LINK_RESP;
    }
}
