package io.gomsggw.smpp.pdu;

/**
 * {@code bind_*_resp} (spec 4.1.2). With a non-zero status the body may be absent on the wire;
 * it then decodes with an empty {@code systemId}.
 *
 * @param mode           which bind this answers
 * @param commandStatus  the status
 * @param sequenceNumber the request's sequence number
 * @param systemId       the SMSC id, at most 15 octets
 * @param tlvs           optional parameters ({@code sc_interface_version})
 */
public record BindResp(BindMode mode, int commandStatus, int sequenceNumber, String systemId, Tlvs tlvs)
        implements ResponsePdu {

    /** Validates the field lengths. */
    public BindResp {
        if (mode == null || tlvs == null) {
            throw new IllegalArgumentException("mode and tlvs are required");
        }
        Fields.cString("system_id", systemId, Fields.SYSTEM_ID);
    }

    @Override
    public int commandId() {
        return mode.responseId();
    }
}
