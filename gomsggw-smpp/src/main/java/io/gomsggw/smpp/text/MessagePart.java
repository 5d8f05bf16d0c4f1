package io.gomsggw.smpp.text;

import java.util.Optional;

/**
 * The user data of one submit_sm / deliver_sm / data_sm with its header removed.
 *
 * @param concat     which part of a long message this is, from the UDH or the SAR TLVs
 * @param dataCoding the PDU's data_coding
 * @param payload    the octets to decode (GSM: one septet per octet, already unpacked)
 */
public record MessagePart(Optional<ConcatInfo> concat, int dataCoding, byte[] payload) {

    /** Copies the payload. */
    public MessagePart {
        payload = payload.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
