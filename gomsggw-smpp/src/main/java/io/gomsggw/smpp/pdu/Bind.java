package io.gomsggw.smpp.pdu;

/**
 * {@code bind_transmitter}, {@code bind_receiver} or {@code bind_transceiver} (spec 4.1).
 *
 * @param mode             which of the three binds
 * @param sequenceNumber   the sequence number
 * @param systemId         at most 64 octets (SMPP 3.4 says 15; longer ones are accepted, as the Go
 *                         gateway accepts them)
 * @param password         at most 64 octets (SMPP 3.4 says 8; likewise)
 * @param systemType       at most 12 octets
 * @param interfaceVersion 0x34 for SMPP 3.4
 * @param addressRange     ton, npi and a range of at most 40 octets
 */
public record Bind(
        BindMode mode,
        int sequenceNumber,
        String systemId,
        String password,
        String systemType,
        int interfaceVersion,
        Address addressRange)
        implements RequestPdu {

    /** SMPP version 3.4 as carried in {@code interface_version}. */
    public static final int INTERFACE_VERSION_34 = 0x34;

    /** The longest {@code system_id} and {@code password} accepted, in octets. */
    public static final int MAX_CREDENTIAL_LENGTH = Fields.BIND_CREDENTIAL - 1;

    /** Validates the field lengths. */
    public Bind {
        if (mode == null || addressRange == null) {
            throw new IllegalArgumentException("mode and addressRange are required");
        }
        Fields.cString("system_id", systemId, Fields.BIND_CREDENTIAL);
        Fields.cString("password", password, Fields.BIND_CREDENTIAL);
        Fields.cString("system_type", systemType, Fields.SYSTEM_TYPE);
        Fields.u8("interface_version", interfaceVersion);
        addressRange.requireMax("address_range", Fields.ADDRESS_RANGE);
    }

    @Override
    public int commandId() {
        return mode.requestId();
    }

    @Override
    public BindResp errorResponse(int status) {
        return new BindResp(mode, status, sequenceNumber, "", Tlvs.NONE);
    }

    /** The successful response naming the SMSC {@code systemId} and advertising SMPP 3.4. */
    public BindResp okResponse(String smscSystemId) {
        return new BindResp(
                mode,
                0,
                sequenceNumber,
                smscSystemId,
                Tlvs.of(Tlv.ofByte(TlvTag.SC_INTERFACE_VERSION, INTERFACE_VERSION_34)));
    }
}
