package io.gomsggw.smpp.pdu;

import static io.gomsggw.smpp.pdu.Hex.framed;
import static io.gomsggw.smpp.pdu.Hex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class PduDecoderErrorTest {
    private final PduDecoder decoder = new PduDecoder();

    private PduDecodeException fail(byte[] b) {
        return catchThrowableOfType(PduDecodeException.class, () -> decoder.decode(b));
    }

    @Test
    void shortHeaderLosesFraming() {
        PduDecodeException e = fail(hex("0000000c00000015"));
        assertThat(e.commandStatus()).isEqualTo(CommandStatus.ESME_RINVCMDLEN.code());
        assertThat(e.framingLost()).isTrue();
        assertThat(e.sequenceNumber()).isEmpty();
        assertThat(e.response()).containsInstanceOf(GenericNack.class);
    }

    @Test
    void lengthMismatch() {
        PduDecodeException e = fail(hex("00000011", "00000015", "00000000", "00000009"));
        assertThat(e.commandStatus()).isEqualTo(CommandStatus.ESME_RINVCMDLEN.code());
        assertThat(e.sequenceNumber()).hasValue(9);
    }

    @Test
    void unknownCommandIdAnswersGenericNack() {
        PduDecodeException e = fail(hex("00000010", "00000021", "00000000", "00000009")); // submit_multi
        assertThat(e.commandStatus()).isEqualTo(CommandStatus.ESME_RINVCMDID.code());
        assertThat(e.framingLost()).isFalse();
        assertThat(e.response()).contains(new GenericNack(3, 9));
    }

    @Test
    void bindCredentialsUpToSixtyFourOctetsAreAcceptedBeyondTheSpecsSixteenAndNine() throws Exception {
        String systemId = "s".repeat(Bind.MAX_CREDENTIAL_LENGTH);
        String password = "p".repeat(Bind.MAX_CREDENTIAL_LENGTH);
        byte[] b = framed(
                "00000009",
                "00000000",
                "00000001",
                ascii(systemId) + "00",
                ascii(password) + "00",
                "00",
                "34",
                "00",
                "00",
                "00");
        assertThat(decoder.decode(b))
                .isEqualTo(new Bind(BindMode.TRANSCEIVER, 1, systemId, password, "", 0x34, Address.EMPTY));
    }

    @Test
    void aSystemIdOverSixtyFourOctetsIsRinvsysid() {
        byte[] b = framed(
                "00000009", "00000000", "00000001", ascii("s".repeat(65)) + "00", "00", "00", "34", "00", "00", "00");
        PduDecodeException e = fail(b);
        assertThat(e.commandStatus()).isEqualTo(CommandStatus.ESME_RINVSYSID.code());
        assertThat(e.response()).contains(new BindResp(BindMode.TRANSCEIVER, 0x0F, 1, "", Tlvs.NONE));
    }

    @Test
    void aPasswordOverSixtyFourOctetsIsRinvpaswd() {
        byte[] b = framed(
                "00000002", "00000000", "00000001", "6100", ascii("p".repeat(65)) + "00", "00", "34", "00", "00", "00");
        assertThat(fail(b).commandStatus()).isEqualTo(CommandStatus.ESME_RINVPASWD.code());
    }

    @Test
    void otherFieldsKeepTheSpecLimits() {
        byte[] b = framed(
                "00000009",
                "00000000",
                "00000001",
                "6100",
                "6200",
                ascii("t".repeat(13)) + "00",
                "34",
                "00",
                "00",
                "00"); // system_type: 12 octets at most
        assertThat(fail(b).commandStatus()).isEqualTo(CommandStatus.ESME_RINVSYSTYP.code());
        byte[] resp = framed("80000009", "00000000", "00000001", ascii("s".repeat(16)) + "00");
        assertThat(fail(resp).commandStatus()).isEqualTo(CommandStatus.ESME_RINVSYSID.code()); // the SMSC's id
    }

    private static String ascii(String text) {
        StringBuilder hex = new StringBuilder();
        for (char c : text.toCharArray()) {
            hex.append(String.format("%02x", (int) c));
        }
        return hex.toString();
    }

    @Test
    void missingNulIsCommandLengthError() {
        byte[] b = hex("00000013", "00000002", "00000000", "00000001", "616263"); // "abc" no NUL
        assertThat(fail(b).commandStatus()).isEqualTo(CommandStatus.ESME_RINVCMDLEN.code());
    }

    @Test
    void overLongAddressIsRinvdstadr() {
        String longAddr = "31".repeat(21) + "00";
        byte[] body = hex("00", "0101", "3100", "0101", longAddr, "000000", "00", "00", "00000000", "00");
        byte[] header = hex(String.format("%08x", 16 + body.length), "00000004", "00000000", "00000001");
        byte[] all = new byte[header.length + body.length];
        System.arraycopy(header, 0, all, 0, 16);
        System.arraycopy(body, 0, all, 16, body.length);
        assertThat(fail(all).commandStatus()).isEqualTo(CommandStatus.ESME_RINVDSTADR.code());
    }

    @Test
    void smLengthBeyondPduIsRinvmsglen() {
        byte[] body = hex("00", "0000", "00", "0000", "00", "000000", "00", "00", "00000000", "05", "6868");
        byte[] header = hex(String.format("%08x", 16 + body.length), "00000004", "00000000", "00000001");
        byte[] all = new byte[header.length + body.length];
        System.arraycopy(header, 0, all, 0, 16);
        System.arraycopy(body, 0, all, 16, body.length);
        PduDecodeException e = fail(all);
        assertThat(e.commandStatus()).isEqualTo(CommandStatus.ESME_RINVMSGLEN.code());
        assertThat(e.response()).contains(new SubmitSmResp(1, 1, ""));
    }

    @Test
    void truncatedTlvAndWrongFixedLength() {
        assertThat(fail(framed("80000103", "00000000", "00000001", "00", "0424", "00"))
                        .commandStatus())
                .isEqualTo(CommandStatus.ESME_RINVOPTPARSTREAM.code());
        assertThat(fail(framed("80000103", "00000000", "00000001", "00", "020E", "0002", "0102"))
                        .commandStatus())
                .isEqualTo(CommandStatus.ESME_RINVPARLEN.code());
    }

    @Test
    void trailingBytesOnHeaderOnlyPdu() {
        assertThat(fail(hex("00000011", "00000015", "00000000", "00000001", "00"))
                        .commandStatus())
                .isEqualTo(CommandStatus.ESME_RINVCMDLEN.code());
    }

    @Test
    void tooLargeForConfiguredMaximum() {
        PduDecodeException e = catchThrowableOfType(
                PduDecodeException.class,
                () -> new PduDecoder(16).decode(hex("00000011", "00000015", "00000000", "00000001", "00")));
        assertThat(e.framingLost()).isTrue();
    }

    @Test
    void responsesToResponsesAreNotSent() {
        PduDecodeException e = fail(hex("00000013", "80000004", "00000000", "00000001", "616263"));
        assertThat(e.response()).isEmpty();
    }

    @Test
    void statusNames() {
        assertThat(CommandStatus.name(0x58)).isEqualTo("ESME_RTHROTTLED");
        assertThat(CommandStatus.name(0x12345)).isEqualTo("0x00012345");
        assertThat(CommandStatus.ESME_RMSGQFUL.code()).isEqualTo(0x14);
        assertThat(CommandId.name(CommandId.DATA_SM_RESP)).isEqualTo("data_sm_resp");
    }
}
