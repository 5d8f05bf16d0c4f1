package io.gomsggw.smpp.pdu;

/** A response PDU, including {@code generic_nack}. */
public sealed interface ResponsePdu extends Pdu
        permits BindResp,
                UnbindResp,
                SubmitSmResp,
                DeliverSmResp,
                DataSmResp,
                QuerySmResp,
                EnquireLinkResp,
                GenericNack {

    /** Whether {@link #commandStatus()} is {@code ESME_ROK}. */
    default boolean isOk() {
        return commandStatus() == 0;
    }
}
