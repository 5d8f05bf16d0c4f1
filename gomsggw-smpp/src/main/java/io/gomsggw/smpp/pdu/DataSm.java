package io.gomsggw.smpp.pdu;

/**
 * {@code data_sm} (spec 4.7.1): the user data travels in the {@code message_payload} TLV.
 *
 * @param sequenceNumber     the sequence number
 * @param serviceType        at most 5 octets
 * @param source             source address, at most 64 octets
 * @param destination        destination address, at most 64 octets
 * @param esmClass           {@code esm_class}
 * @param registeredDelivery {@code registered_delivery}
 * @param dataCoding         {@code data_coding}
 * @param tlvs               optional parameters
 */
public record DataSm(
        int sequenceNumber,
        String serviceType,
        Address source,
        Address destination,
        int esmClass,
        int registeredDelivery,
        int dataCoding,
        Tlvs tlvs)
        implements RequestPdu {

    /** Maximum octets of a data_sm address including the NUL. */
    static final int ADDRESS = 65;

    /** Validates the fields. */
    public DataSm {
        Fields.cString("service_type", serviceType, Fields.SERVICE_TYPE);
        if (source == null || destination == null || tlvs == null) {
            throw new IllegalArgumentException("source, destination and tlvs are required");
        }
        source.requireMax("source_addr", ADDRESS);
        destination.requireMax("destination_addr", ADDRESS);
        Fields.u8("esm_class", esmClass);
        Fields.u8("registered_delivery", registeredDelivery);
        Fields.u8("data_coding", dataCoding);
    }

    @Override
    public int commandId() {
        return CommandId.DATA_SM;
    }

    @Override
    public DataSmResp errorResponse(int status) {
        return new DataSmResp(status, sequenceNumber, "", Tlvs.NONE);
    }
}
