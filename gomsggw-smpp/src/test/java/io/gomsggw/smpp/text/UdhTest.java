package io.gomsggw.smpp.text;

import static io.gomsggw.smpp.pdu.Hex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.pdu.Tlv;
import io.gomsggw.smpp.pdu.TlvTag;
import org.junit.jupiter.api.Test;

class UdhTest {

    @Test
    void eightBitReference() throws Exception {
        UserData ud = Udh.parse(hex("0500030a0302", "6869"));
        assertThat(ud.concat()).contains(new ConcatInfo(10, 3, 2));
        assertThat(ud.payload()).containsExactly('h', 'i');
        assertThat(ud.udhLength()).isEqualTo(6);
    }

    @Test
    void sixteenBitReferenceAfterSkippedElement() throws Exception {
        UserData ud = Udh.parse(hex("09", "0a0100", "0804abcd0201", "68")); // text formatting IE first
        assertThat(ud.concat()).contains(new ConcatInfo(0xabcd, 2, 1));
        assertThat(ud.payload()).containsExactly('h');
    }

    @Test
    void malformed() {
        assertThatThrownBy(() -> Udh.parse(hex("09000301"))).isInstanceOf(UdhException.class);
        assertThatThrownBy(() -> Udh.parse(hex("0500050a0302"))).isInstanceOf(UdhException.class);
        assertThatThrownBy(() -> Udh.parse(hex("0500030a0304"))).isInstanceOf(UdhException.class);
        assertThatThrownBy(() -> Udh.parse(new byte[0])).isInstanceOf(UdhException.class);
    }

    @Test
    void messagePartsFromUdhSarAndPayload() throws Exception {
        SmFields udh = SmFields.builder()
                .esmClass(0x40)
                .shortMessage(hex("050003070201", "6162"))
                .build();
        MessagePart p = MessageParts.STANDARD.of(udh);
        assertThat(p.concat()).contains(new ConcatInfo(7, 2, 1));
        assertThat(p.payload()).containsExactly('a', 'b');

        SmFields sar = SmFields.builder()
                .shortMessage(hex("6364"))
                .tlv(Tlv.ofShort(TlvTag.SAR_MSG_REF_NUM, 300))
                .tlv(Tlv.ofByte(TlvTag.SAR_TOTAL_SEGMENTS, 2))
                .tlv(Tlv.ofByte(TlvTag.SAR_SEGMENT_SEQNUM, 2))
                .build();
        assertThat(MessageParts.STANDARD.of(sar).concat()).contains(new ConcatInfo(300, 2, 2));

        SmFields payload = SmFields.builder()
                .tlv(new Tlv(TlvTag.MESSAGE_PAYLOAD, hex("656667")))
                .build();
        MessagePart pp = MessageParts.STANDARD.of(payload);
        assertThat(pp.concat()).isEmpty();
        assertThat(pp.payload()).containsExactly('e', 'f', 'g');
    }
}
