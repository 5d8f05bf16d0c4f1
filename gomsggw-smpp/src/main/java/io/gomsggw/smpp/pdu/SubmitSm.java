package io.gomsggw.smpp.pdu;

import java.util.Objects;

/**
 * {@code submit_sm}.
 *
 * @param sequenceNumber the sequence number
 * @param sm             the body
 */
public record SubmitSm(int sequenceNumber, SmFields sm) implements ShortMessagePdu {

    /** Requires a body. */
    public SubmitSm {
        Objects.requireNonNull(sm, "sm");
    }

    @Override
    public int commandId() {
        return CommandId.SUBMIT_SM;
    }

    @Override
    public SubmitSmResp errorResponse(int status) {
        return new SubmitSmResp(status, sequenceNumber, "");
    }
}
