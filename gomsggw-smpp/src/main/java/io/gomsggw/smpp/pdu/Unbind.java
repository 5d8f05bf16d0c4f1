package io.gomsggw.smpp.pdu;

/**
 * {@code unbind}: a header-only request.
 *
 * @param sequenceNumber the sequence number
 */
public record Unbind(int sequenceNumber) implements RequestPdu {

    @Override
    public int commandId() {
        return CommandId.UNBIND;
    }

    @Override
    public UnbindResp errorResponse(int status) {
        return new UnbindResp(status, sequenceNumber);
    }

    /** The successful response. */
    public UnbindResp okResponse() {
        return new UnbindResp(0, sequenceNumber);
    }
}
