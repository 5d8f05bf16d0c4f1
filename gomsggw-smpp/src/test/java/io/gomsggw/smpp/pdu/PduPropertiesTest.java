package io.gomsggw.smpp.pdu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Property tests: hostile bytes only ever produce PduDecodeException; encode∘decode is identity. */
class PduPropertiesTest {
    private final PduDecoder decoder = new PduDecoder();
    private final PduEncoder encoder = new PduEncoder();

    private void decodeOnlyFailsTyped(byte[] bytes) {
        try {
            Pdu pdu = decoder.decode(bytes);
            // whatever decoded must re-encode and decode to the same value
            assertThat(decoder.decode(encoder.encode(pdu))).isEqualTo(pdu);
        } catch (PduDecodeException expected) {
            assertThat(expected.commandStatus()).isNotZero();
        }
    }

    @Property(tries = 2000)
    void randomBytesNeverEscape(@ForAll byte[] bytes) {
        decodeOnlyFailsTyped(bytes);
    }

    @Property(tries = 2000)
    void randomBodiesWithValidHeaderNeverEscape(@ForAll("commandIds") int id, @ForAll byte[] body) {
        byte[] b = new byte[16 + body.length];
        int len = b.length;
        b[0] = (byte) (len >>> 24);
        b[1] = (byte) (len >>> 16);
        b[2] = (byte) (len >>> 8);
        b[3] = (byte) len;
        b[4] = (byte) (id >>> 24);
        b[5] = (byte) (id >>> 16);
        b[6] = (byte) (id >>> 8);
        b[7] = (byte) id;
        b[15] = 1;
        System.arraycopy(body, 0, b, 16, body.length);
        decodeOnlyFailsTyped(b);
    }

    @Property(tries = 3000)
    void mutatedValidPdusNeverEscape(
            @ForAll("pdus") Pdu pdu, @ForAll("mutations") List<int[]> mutations, @ForAll("cuts") int cut) {
        byte[] b = encoder.encode(pdu);
        for (int[] m : mutations) {
            b[Math.floorMod(m[0], b.length)] = (byte) m[1];
        }
        if (cut > 0 && b.length - cut >= 4) {
            byte[] shorter = new byte[b.length - cut];
            System.arraycopy(b, 0, shorter, 0, shorter.length);
            // keep command_length consistent half of the time so the body parser is exercised
            if ((cut & 1) == 0) {
                shorter[3] = (byte) shorter.length;
                shorter[2] = (byte) (shorter.length >>> 8);
            }
            b = shorter;
        }
        decodeOnlyFailsTyped(b);
    }

    @Property(tries = 2000)
    void encodeThenDecodeIsIdentity(@ForAll("pdus") Pdu pdu) throws PduDecodeException {
        assertThat(decoder.decode(encoder.encode(pdu))).isEqualTo(pdu);
    }

    @Provide
    Arbitrary<Integer> commandIds() {
        return Arbitraries.of(
                CommandId.BIND_TRANSMITTER,
                CommandId.BIND_RECEIVER_RESP,
                CommandId.BIND_TRANSCEIVER,
                CommandId.SUBMIT_SM,
                CommandId.SUBMIT_SM_RESP,
                CommandId.DELIVER_SM,
                CommandId.DATA_SM,
                CommandId.DATA_SM_RESP,
                CommandId.QUERY_SM,
                CommandId.QUERY_SM_RESP,
                CommandId.ENQUIRE_LINK);
    }

    @Provide
    Arbitrary<List<int[]>> mutations() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 400),
                        Arbitraries.integers().between(0, 255))
                .as((at, v) -> new int[] {at, v})
                .list()
                .ofMaxSize(4);
    }

    @Provide
    Arbitrary<Integer> cuts() {
        return Arbitraries.integers().between(0, 20);
    }

    private static Arbitrary<String> cstr(int maxChars) {
        return Arbitraries.strings().withCharRange((char) 1, (char) 255).ofMaxLength(maxChars);
    }

    private static Arbitrary<Address> address(int maxChars) {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 255),
                        Arbitraries.integers().between(0, 255),
                        cstr(maxChars))
                .as(Address::new);
    }

    private static Arbitrary<Integer> u8() {
        return Arbitraries.integers().between(0, 255);
    }

    private static Arbitrary<Tlvs> tlvs() {
        Arbitrary<Tlv> generic = Combinators.combine(
                        Arbitraries.integers().between(0x1400, 0x3FFF),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(30))
                .as(Tlv::new);
        Arbitrary<Tlv> known = Arbitraries.oneOf(
                u8().map(v -> Tlv.ofByte(TlvTag.SAR_TOTAL_SEGMENTS, v)),
                Arbitraries.integers().between(0, 0xFFFF).map(v -> Tlv.ofShort(TlvTag.SAR_MSG_REF_NUM, v)),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(v -> new Tlv(TlvTag.MESSAGE_PAYLOAD, v)));
        return Arbitraries.oneOf(generic, known).list().ofMaxSize(3).map(Tlvs::new);
    }

    private static Arbitrary<SmFields> smFields() {
        Arbitrary<SmFields.Builder> a = Combinators.combine(
                        cstr(5), address(20), address(20), u8(), u8(), u8(), cstr(16), cstr(16))
                .as((st, s, d, esm, pid, prio, sched, val) -> SmFields.builder()
                        .serviceType(st)
                        .source(s)
                        .destination(d)
                        .esmClass(esm)
                        .protocolId(pid)
                        .priorityFlag(prio)
                        .scheduleDeliveryTime(sched)
                        .validityPeriod(val));
        return Combinators.combine(
                        a,
                        u8(),
                        u8(),
                        u8(),
                        u8(),
                        Arbitraries.bytes().array(byte[].class).ofMaxSize(254),
                        tlvs())
                .as((b, reg, rep, dc, def, sm, t) -> b.registeredDelivery(reg)
                        .replaceIfPresentFlag(rep)
                        .dataCoding(dc)
                        .smDefaultMsgId(def)
                        .shortMessage(sm)
                        .tlvs(t)
                        .build());
    }

    @Provide
    Arbitrary<Pdu> pdus() {
        Arbitrary<Integer> seq = Arbitraries.integers();
        Arbitrary<Integer> status = Arbitraries.of(0, 0, 1, 0x58, 0xFF);
        Arbitrary<BindMode> mode = Arbitraries.of(BindMode.class);
        return Arbitraries.oneOf(
                seq.map(EnquireLink::new),
                Combinators.combine(status, seq).as(EnquireLinkResp::new),
                seq.map(Unbind::new),
                Combinators.combine(status, seq).as(UnbindResp::new),
                Combinators.combine(status, seq).as(GenericNack::new),
                Combinators.combine(
                                mode,
                                seq,
                                cstr(Bind.MAX_CREDENTIAL_LENGTH),
                                cstr(Bind.MAX_CREDENTIAL_LENGTH),
                                cstr(12),
                                u8(),
                                address(40))
                        .as(Bind::new),
                Combinators.combine(mode, status, seq, cstr(15))
                        .as((m, st, s, id) -> new BindResp(
                                m,
                                st,
                                s,
                                st != 0 ? "" : id,
                                st != 0 ? Tlvs.NONE : Tlvs.of(Tlv.ofByte(TlvTag.SC_INTERFACE_VERSION, 0x34)))),
                Combinators.combine(seq, smFields()).as(SubmitSm::new),
                Combinators.combine(seq, smFields()).as(DeliverSm::new),
                Combinators.combine(status, seq, cstr(64)).as(SubmitSmResp::new),
                Combinators.combine(status, seq, cstr(64)).as(DeliverSmResp::new),
                Combinators.combine(seq, cstr(5), address(64), address(64), u8(), u8(), u8(), tlvs())
                        .as(DataSm::new),
                Combinators.combine(status, seq, cstr(64), tlvs()).as(DataSmResp::new),
                Combinators.combine(seq, cstr(64), address(20)).as(QuerySm::new),
                Combinators.combine(status, seq, cstr(64), cstr(16), u8(), u8()).as(QuerySmResp::new));
    }
}
