package io.gomsggw.smpp.pdu;

import static io.gomsggw.smpp.pdu.Hex.hex;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Hand-written byte vectors from the SMPP 3.4 specification, one per PDU type, both ways. */
class PduGoldenTest {
    private final PduDecoder decoder = new PduDecoder();
    private final PduEncoder encoder = new PduEncoder();

    private void golden(byte[] bytes, Pdu pdu) throws PduDecodeException {
        assertThat(decoder.decode(bytes)).isEqualTo(pdu);
        assertThat(hex(encoder.encode(pdu))).isEqualTo(hex(bytes));
    }

    @Test
    void enquireLink() throws Exception {
        golden(
                hex(
                        "00000010", // command_length 16
                        "00000015", // command_id enquire_link
                        "00000000", // command_status
                        "00000001"), // sequence_number
                new EnquireLink(1));
    }

    @Test
    void enquireLinkResp() throws Exception {
        golden(hex("00000010", "80000015", "00000000", "00000001"), new EnquireLinkResp(0, 1));
    }

    @Test
    void unbindAndResp() throws Exception {
        golden(hex("00000010", "00000006", "00000000", "00000003"), new Unbind(3));
        golden(hex("00000010", "80000006", "00000000", "00000003"), new UnbindResp(0, 3));
    }

    @Test
    void genericNack() throws Exception {
        golden(
                hex("00000010", "80000000", "00000003", "00000007"), // status ESME_RINVCMDID
                new GenericNack(CommandStatus.ESME_RINVCMDID.code(), 7));
    }

    @Test
    void bindTransmitter() throws Exception {
        golden(
                hex(
                        "0000002A", // command_length 42
                        "00000002", // bind_transmitter
                        "00000000", // status
                        "00000001", // sequence
                        "736d7070636c69656e743100", // system_id "smppclient1"
                        "70617373776f726400", // password "password"
                        "00", // system_type ""
                        "34", // interface_version 3.4
                        "00",
                        "00", // addr_ton, addr_npi
                        "00"), // address_range ""
                new Bind(BindMode.TRANSMITTER, 1, "smppclient1", "password", "", 0x34, Address.EMPTY));
    }

    @Test
    void bindReceiver() throws Exception {
        golden(
                hex(
                        "00000023", // command_length 35
                        "00000001", // bind_receiver
                        "00000000",
                        "00000002",
                        "61626300", // system_id "abc"
                        "707700", // password "pw"
                        "564d4100", // system_type "VMA"
                        "34", // interface_version
                        "01",
                        "01", // ton international, npi E.164
                        "3135353500"), // address_range "1555"
                new Bind(BindMode.RECEIVER, 2, "abc", "pw", "VMA", 0x34, Address.international("1555")));
    }

    @Test
    void bindTransceiver() throws Exception {
        golden(
                hex(
                        "00000019", // 25
                        "00000009", // bind_transceiver
                        "00000000",
                        "00000005",
                        "6100", // system_id "a"
                        "6200", // password "b"
                        "00", // system_type ""
                        "34",
                        "00",
                        "00",
                        "00"),
                new Bind(BindMode.TRANSCEIVER, 5, "a", "b", "", 0x34, Address.EMPTY));
    }

    @Test
    void bindTransceiverRespWithScInterfaceVersion() throws Exception {
        BindResp resp = new BindResp(
                BindMode.TRANSCEIVER, 0, 1, "SMSC", Tlvs.of(Tlv.ofByte(TlvTag.SC_INTERFACE_VERSION, 0x34)));
        golden(
                hex(
                        "0000001A", // 26
                        "80000009", // bind_transceiver_resp
                        "00000000",
                        "00000001",
                        "534d534300", // system_id "SMSC"
                        "0210",
                        "0001",
                        "34"), // sc_interface_version = 0x34
                resp);
        assertThat(resp.tlvs().scInterfaceVersion()).hasValue(0x34);
    }

    @Test
    void bindTransmitterRespAndErrorWithoutBody() throws Exception {
        golden(
                hex("00000015", "80000002", "00000000", "00000001", "534d534300"),
                new BindResp(BindMode.TRANSMITTER, 0, 1, "SMSC", Tlvs.NONE));
        golden(
                hex("00000010", "80000001", "0000000E", "00000002"), // ESME_RINVPASWD, no body
                new BindResp(BindMode.RECEIVER, 0x0E, 2, "", Tlvs.NONE));
    }

    static SmFields helloSubmit() {
        return SmFields.builder()
                .source(Address.international("15551234567"))
                .destination(Address.international("15557654321"))
                .registeredDelivery(1)
                .shortMessage(new byte[] {0x68, 0x65, 0x6c, 0x6c, 0x6f})
                .build();
    }

    @Test
    void submitSm() throws Exception {
        golden(
                hex(
                        "0000003C", // command_length 60
                        "00000004", // submit_sm
                        "00000000",
                        "0000000A",
                        "00", // service_type ""
                        "01",
                        "01",
                        "313535353132333435363700", // source 1/1 "15551234567"
                        "01",
                        "01",
                        "313535353736353433323100", // destination 1/1 "15557654321"
                        "00", // esm_class
                        "00", // protocol_id
                        "00", // priority_flag
                        "00", // schedule_delivery_time ""
                        "00", // validity_period ""
                        "01", // registered_delivery: receipt on final
                        "00", // replace_if_present_flag
                        "00", // data_coding default (GSM)
                        "00", // sm_default_msg_id
                        "05", // sm_length
                        "68656c6c6f"), // "hello" unpacked GSM
                new SubmitSm(10, helloSubmit()));
    }

    @Test
    void submitSmResp() throws Exception {
        golden(
                hex("00000017", "80000004", "00000000", "0000000A", "61626331323300"), // message_id "abc123"
                new SubmitSmResp(0, 10, "abc123"));
        golden(
                hex("00000010", "80000004", "00000058", "0000000B"), // ESME_RTHROTTLED, no body
                new SubmitSmResp(0x58, 11, ""));
    }

    @Test
    void deliverSmReceipt() throws Exception {
        SmFields receipt = SmFields.builder()
                .source(Address.international("15557654321"))
                .destination(Address.international("15551234567"))
                .esmClass(SmFields.ESM_DELIVERY_RECEIPT)
                .shortMessage(new byte[] {0x69, 0x64, 0x3a, 0x31})
                .tlv(Tlv.ofCString(TlvTag.RECEIPTED_MESSAGE_ID, "1"))
                .tlv(Tlv.ofByte(TlvTag.MESSAGE_STATE, 2))
                .build();
        golden(
                hex(
                        "00000046", // command_length 70
                        "00000005", // deliver_sm
                        "00000000",
                        "00000004",
                        "00", // service_type
                        "01",
                        "01",
                        "313535353736353433323100", // source
                        "01",
                        "01",
                        "313535353132333435363700", // destination
                        "04", // esm_class: delivery receipt
                        "00",
                        "00",
                        "00",
                        "00",
                        "00",
                        "00",
                        "00",
                        "00",
                        "04",
                        "69643a31", // sm_length 4, "id:1"
                        "001E",
                        "0002",
                        "3100", // receipted_message_id "1"
                        "0427",
                        "0001",
                        "02"), // message_state DELIVERED
                new DeliverSm(4, receipt));
        assertThat(receipt.isDeliveryReceipt()).isTrue();
        assertThat(receipt.tlvs().receiptedMessageId()).hasValue("1");
        assertThat(receipt.tlvs().messageState()).hasValue(MessageState.DELIVERED.code());
    }

    @Test
    void deliverSmResp() throws Exception {
        golden(
                hex("00000011", "80000005", "00000000", "00000004", "00"), // message_id ""
                DeliverSmResp.ok(4));
    }

    @Test
    void dataSm() throws Exception {
        golden(
                hex(
                        "0000002A", // 42
                        "00000103", // data_sm
                        "00000000",
                        "00000006",
                        "00", // service_type
                        "01",
                        "01",
                        "3135353500", // source "1555"
                        "01",
                        "01",
                        "3136363600", // destination "1666"
                        "00", // esm_class
                        "00", // registered_delivery
                        "08", // data_coding UCS-2
                        "0424",
                        "0004",
                        "00680069"), // message_payload "hi"
                new DataSm(
                        6,
                        "",
                        Address.international("1555"),
                        Address.international("1666"),
                        0,
                        0,
                        8,
                        Tlvs.of(new Tlv(TlvTag.MESSAGE_PAYLOAD, new byte[] {0, 0x68, 0, 0x69}))));
    }

    @Test
    void dataSmResp() throws Exception {
        golden(
                hex("00000013", "80000103", "00000000", "00000006", "6d3100"), // message_id "m1"
                new DataSmResp(0, 6, "m1", Tlvs.NONE));
    }

    @Test
    void querySm() throws Exception {
        golden(
                hex(
                        "0000001A",
                        "00000003",
                        "00000000",
                        "00000008",
                        "6d3100", // message_id "m1"
                        "01",
                        "01",
                        "3135353500"), // source "1555"
                new QuerySm(8, "m1", Address.international("1555")));
    }

    @Test
    void querySmResp() throws Exception {
        golden(
                hex(
                        "00000016",
                        "80000003",
                        "00000000",
                        "00000008",
                        "6d3100", // message_id "m1"
                        "00", // final_date ""
                        "02", // message_state DELIVERED
                        "00"), // error_code
                new QuerySmResp(0, 8, "m1", "", 2, 0));
    }

    @Test
    void sarAndUserMessageReferenceAccessors() {
        Tlvs t = Tlvs.of(
                Tlv.ofShort(TlvTag.SAR_MSG_REF_NUM, 0x1234),
                Tlv.ofByte(TlvTag.SAR_TOTAL_SEGMENTS, 3),
                Tlv.ofByte(TlvTag.SAR_SEGMENT_SEQNUM, 2),
                Tlv.ofShort(TlvTag.USER_MESSAGE_REFERENCE, 7),
                new Tlv(0x1400, new byte[] {1, 2, 3}));
        assertThat(t.sarMsgRefNum()).hasValue(0x1234);
        assertThat(t.sarTotalSegments()).hasValue(3);
        assertThat(t.sarSegmentSeqnum()).hasValue(2);
        assertThat(t.userMessageReference()).hasValue(7);
        assertThat(t.messagePayload()).isEmpty();
        assertThat(t.list()).hasSize(5);
    }
}
