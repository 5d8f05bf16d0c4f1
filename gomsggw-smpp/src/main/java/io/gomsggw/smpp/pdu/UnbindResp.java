package io.gomsggw.smpp.pdu;

/**
 * {@code unbind_resp}: a header-only response.
 *
 * @param commandStatus  the status
 * @param sequenceNumber the request's sequence number
 */
public record UnbindResp(int commandStatus, int sequenceNumber) implements ResponsePdu {

    @Override
    public int commandId() {
        return CommandId.UNBIND_RESP;
    }
}
