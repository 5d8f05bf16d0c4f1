package io.gomsggw.smpp.pdu;

import java.util.Objects;

/**
 * {@code deliver_sm}.
 *
 * @param sequenceNumber the sequence number
 * @param sm             the body
 */
public record DeliverSm(int sequenceNumber, SmFields sm) implements ShortMessagePdu {

    /** Requires a body. */
    public DeliverSm {
        Objects.requireNonNull(sm, "sm");
    }

    @Override
    public int commandId() {
        return CommandId.DELIVER_SM;
    }

    @Override
    public DeliverSmResp errorResponse(int status) {
        return new DeliverSmResp(status, sequenceNumber, "");
    }
}
