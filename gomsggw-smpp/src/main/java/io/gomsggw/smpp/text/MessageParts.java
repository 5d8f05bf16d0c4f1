package io.gomsggw.smpp.text;

import io.gomsggw.smpp.charset.DataCoding;
import io.gomsggw.smpp.charset.Gsm7;
import io.gomsggw.smpp.pdu.DataSm;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.pdu.Tlvs;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the long-message information of an incoming PDU: the user data from
 * {@code message_payload} or {@code short_message}, the UDH when esm_class has bit 0x40, else the
 * SAR TLVs. Immutable.
 *
 * @param gsmPacked whether GSM 7-bit user data arrives packed (else one septet per octet)
 */
public record MessageParts(boolean gsmPacked) {

    /** Unpacked GSM septets, as most ESMEs send. */
    public static final MessageParts STANDARD = new MessageParts(false);

    /** The part carried by a submit_sm or deliver_sm body. */
    public MessagePart of(SmFields sm) throws UdhException {
        return of(sm.userData(), sm.hasUdh(), sm.dataCoding(), sm.tlvs());
    }

    /** The part carried by a data_sm (its user data is in message_payload). */
    public MessagePart of(DataSm dataSm) throws UdhException {
        byte[] data = dataSm.tlvs().messagePayload().orElse(new byte[0]);
        return of(data, (dataSm.esmClass() & SmFields.ESM_UDHI) != 0, dataSm.dataCoding(), dataSm.tlvs());
    }

    private MessagePart of(byte[] userData, boolean udhi, int dataCoding, Tlvs tlvs) throws UdhException {
        boolean gsm = DataCoding.kindOf(dataCoding) == DataCoding.Kind.GSM7;
        if (udhi) {
            UserData ud = Udh.parse(userData);
            byte[] payload = ud.payload();
            if (gsm && gsmPacked) {
                int fill = Udh.fillBits(ud.udhLength());
                payload = Gsm7.unpack(payload, fill, (payload.length * 8 - fill) / 7);
            }
            return new MessagePart(ud.concat(), dataCoding, payload);
        }
        byte[] payload = gsm && gsmPacked ? Gsm7.unpack(userData, 0, userData.length * 8 / 7) : userData;
        return new MessagePart(sar(tlvs), dataCoding, payload);
    }

    private static Optional<ConcatInfo> sar(Tlvs tlvs) throws UdhException {
        OptionalInt ref = tlvs.sarMsgRefNum();
        OptionalInt total = tlvs.sarTotalSegments();
        OptionalInt seq = tlvs.sarSegmentSeqnum();
        if (ref.isEmpty() || total.isEmpty() || seq.isEmpty()) {
            return Optional.empty();
        }
        int t = total.getAsInt();
        int s = seq.getAsInt();
        if (t == 0 || s == 0 || s > t) {
            throw new UdhException("invalid SAR part " + s + " of " + t);
        }
        return Optional.of(new ConcatInfo(ref.getAsInt(), t, s));
    }
}
