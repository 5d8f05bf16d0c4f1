package io.gomsggw.smpp.pdu;

import java.nio.ByteBuffer;
import java.util.OptionalInt;

/**
 * Decodes the bytes of exactly one PDU (as cut by a length-field frame decoder) into a
 * {@link Pdu}. Every defect, however hostile the input, is reported as a
 * {@link PduDecodeException} carrying the status to answer with; no other exception escapes.
 *
 * <p>Works on {@code byte[]}/{@link ByteBuffer} rather than Netty's {@code ByteBuf} so the codec
 * stays usable without Netty. Immutable and thread-safe.
 */
public final class PduDecoder {
    /** Header size: command_length, command_id, command_status, sequence_number. */
    public static final int HEADER_LENGTH = 16;
    /** Default upper bound of {@code command_length}: room for a 64 KiB message_payload. */
    public static final int DEFAULT_MAX_PDU_LENGTH = 0x11000;

    private final int maxPduLength;

    /** A decoder accepting PDUs up to {@link #DEFAULT_MAX_PDU_LENGTH} octets. */
    public PduDecoder() {
        this(DEFAULT_MAX_PDU_LENGTH);
    }

    /** A decoder accepting PDUs up to {@code maxPduLength} octets (at least 16). */
    public PduDecoder(int maxPduLength) {
        if (maxPduLength < HEADER_LENGTH) {
            throw new IllegalArgumentException("maxPduLength < 16");
        }
        this.maxPduLength = maxPduLength;
    }

    /** The configured maximum PDU length. */
    public int maxPduLength() {
        return maxPduLength;
    }

    /** Decodes the remaining bytes of {@code buffer} (consumed) as one PDU. */
    public Pdu decode(ByteBuffer buffer) throws PduDecodeException {
        byte[] b = new byte[buffer.remaining()];
        buffer.get(b);
        return decode(b);
    }

    /** Decodes {@code pdu}, which must hold exactly one PDU. */
    public Pdu decode(byte[] pdu) throws PduDecodeException {
        if (pdu.length < HEADER_LENGTH) {
            throw new PduDecodeException(
                    CommandStatus.ESME_RINVCMDLEN,
                    OptionalInt.empty(),
                    OptionalInt.empty(),
                    true,
                    "PDU shorter than its 16-octet header");
        }
        int length = int32(pdu, 0);
        int id = int32(pdu, 4);
        int status = int32(pdu, 8);
        int seq = int32(pdu, 12);
        if (length != pdu.length || length > maxPduLength) {
            throw new PduDecodeException(
                    CommandStatus.ESME_RINVCMDLEN,
                    OptionalInt.of(id),
                    OptionalInt.of(seq),
                    true,
                    "command_length " + Integer.toUnsignedString(length) + " for " + pdu.length + " octets (max "
                            + maxPduLength + ")");
        }
        PduReader r = new PduReader(pdu, HEADER_LENGTH, pdu.length, id, seq);
        Pdu result = switch (id) {
            case CommandId.BIND_TRANSMITTER, CommandId.BIND_RECEIVER, CommandId.BIND_TRANSCEIVER ->
                bind(r, BindMode.ofCommandId(id), seq);
            case CommandId.BIND_TRANSMITTER_RESP, CommandId.BIND_RECEIVER_RESP, CommandId.BIND_TRANSCEIVER_RESP ->
                bindResp(r, BindMode.ofCommandId(id), status, seq);
            case CommandId.UNBIND -> new Unbind(seq);
            case CommandId.UNBIND_RESP -> new UnbindResp(status, seq);
            case CommandId.ENQUIRE_LINK -> new EnquireLink(seq);
            case CommandId.ENQUIRE_LINK_RESP -> new EnquireLinkResp(status, seq);
            case CommandId.GENERIC_NACK -> new GenericNack(status, seq);
            case CommandId.SUBMIT_SM -> new SubmitSm(seq, smFields(r));
            case CommandId.DELIVER_SM -> new DeliverSm(seq, smFields(r));
            case CommandId.SUBMIT_SM_RESP -> new SubmitSmResp(status, seq, optionalMessageId(r));
            case CommandId.DELIVER_SM_RESP -> new DeliverSmResp(status, seq, optionalMessageId(r));
            case CommandId.DATA_SM -> dataSm(r, seq);
            case CommandId.DATA_SM_RESP -> new DataSmResp(status, seq, optionalMessageId(r), r.tlvs());
            case CommandId.QUERY_SM ->
                new QuerySm(
                        seq,
                        r.cString("message_id", Fields.MESSAGE_ID, CommandStatus.ESME_RINVMSGID),
                        r.address("source_addr", Fields.ADDRESS, CommandStatus.ESME_RINVSRCADR));
            case CommandId.QUERY_SM_RESP -> querySmResp(r, status, seq);
            default ->
                throw new PduDecodeException(
                        CommandStatus.ESME_RINVCMDID,
                        OptionalInt.of(id),
                        OptionalInt.of(seq),
                        false,
                        "unknown command_id " + CommandId.name(id));
        };
        r.requireEnd();
        return result;
    }

    private static Bind bind(PduReader r, BindMode mode, int seq) throws PduDecodeException {
        String systemId = r.cString("system_id", Fields.BIND_CREDENTIAL, CommandStatus.ESME_RINVSYSID);
        String password = r.cString("password", Fields.BIND_CREDENTIAL, CommandStatus.ESME_RINVPASWD);
        String systemType = r.cString("system_type", Fields.SYSTEM_TYPE, CommandStatus.ESME_RINVSYSTYP);
        int version = r.u8("interface_version");
        Address range = r.address("address_range", Fields.ADDRESS_RANGE, CommandStatus.ESME_RINVSRCADR);
        return new Bind(mode, seq, systemId, password, systemType, version, range);
    }

    private static BindResp bindResp(PduReader r, BindMode mode, int status, int seq) throws PduDecodeException {
        if (r.remaining() == 0) {
            return new BindResp(mode, status, seq, "", Tlvs.NONE);
        }
        String systemId = r.cString("system_id", Fields.SYSTEM_ID, CommandStatus.ESME_RINVSYSID);
        return new BindResp(mode, status, seq, systemId, r.tlvs());
    }

    private static String optionalMessageId(PduReader r) throws PduDecodeException {
        if (r.remaining() == 0) {
            return "";
        }
        return r.cString("message_id", Fields.MESSAGE_ID, CommandStatus.ESME_RINVMSGID);
    }

    private static SmFields smFields(PduReader r) throws PduDecodeException {
        String serviceType = r.cString("service_type", Fields.SERVICE_TYPE, CommandStatus.ESME_RINVSERTYP);
        Address source = r.address("source_addr", Fields.ADDRESS, CommandStatus.ESME_RINVSRCADR);
        Address destination = r.address("destination_addr", Fields.ADDRESS, CommandStatus.ESME_RINVDSTADR);
        int esmClass = r.u8("esm_class");
        int protocolId = r.u8("protocol_id");
        int priority = r.u8("priority_flag");
        String schedule = r.cString("schedule_delivery_time", Fields.TIME, CommandStatus.ESME_RINVSCHED);
        String validity = r.cString("validity_period", Fields.TIME, CommandStatus.ESME_RINVEXPIRY);
        int registered = r.u8("registered_delivery");
        int replace = r.u8("replace_if_present_flag");
        int dataCoding = r.u8("data_coding");
        int defaultMsgId = r.u8("sm_default_msg_id");
        int smLength = r.u8("sm_length");
        if (smLength > SmFields.MAX_SHORT_MESSAGE) {
            throw r.error(CommandStatus.ESME_RINVMSGLEN, "sm_length 255 exceeds 254");
        }
        byte[] shortMessage = r.bytes("short_message", smLength);
        Tlvs tlvs = r.tlvs();
        return new SmFields(
                serviceType,
                source,
                destination,
                esmClass,
                protocolId,
                priority,
                schedule,
                validity,
                registered,
                replace,
                dataCoding,
                defaultMsgId,
                shortMessage,
                tlvs);
    }

    private static DataSm dataSm(PduReader r, int seq) throws PduDecodeException {
        String serviceType = r.cString("service_type", Fields.SERVICE_TYPE, CommandStatus.ESME_RINVSERTYP);
        Address source = r.address("source_addr", DataSm.ADDRESS, CommandStatus.ESME_RINVSRCADR);
        Address destination = r.address("destination_addr", DataSm.ADDRESS, CommandStatus.ESME_RINVDSTADR);
        int esmClass = r.u8("esm_class");
        int registered = r.u8("registered_delivery");
        int dataCoding = r.u8("data_coding");
        return new DataSm(seq, serviceType, source, destination, esmClass, registered, dataCoding, r.tlvs());
    }

    private static QuerySmResp querySmResp(PduReader r, int status, int seq) throws PduDecodeException {
        if (r.remaining() == 0) {
            return new QuerySmResp(status, seq, "", "", 0, 0);
        }
        String messageId = r.cString("message_id", Fields.MESSAGE_ID, CommandStatus.ESME_RINVMSGID);
        String finalDate = r.cString("final_date", Fields.TIME, CommandStatus.ESME_RINVMSGLEN);
        int state = r.u8("message_state");
        int error = r.u8("error_code");
        return new QuerySmResp(status, seq, messageId, finalDate, state, error);
    }

    private static int int32(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | b[at + 3] & 0xFF;
    }
}
