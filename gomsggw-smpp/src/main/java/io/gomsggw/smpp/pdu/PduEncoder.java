package io.gomsggw.smpp.pdu;

/**
 * Encodes a {@link Pdu} into its wire bytes, header included. The records validate their fields
 * on construction, so encoding cannot fail. An error response whose body is empty (empty ids, no
 * TLVs) is written without a body, as spec 4.4.2 prescribes for {@code submit_sm_resp}.
 *
 * <p>Produces {@code byte[]} rather than a Netty {@code ByteBuf} so the codec works without Netty.
 * Immutable and thread-safe.
 */
public final class PduEncoder {

    /** Creates an encoder. */
    public PduEncoder() {}

    /** The bytes of {@code pdu}. */
    public byte[] encode(Pdu pdu) {
        PduWriter w = new PduWriter();
        w.u32(0).u32(pdu.commandId()).u32(pdu.commandStatus()).u32(pdu.sequenceNumber());
        body(pdu, w);
        w.putU32(0, w.size());
        return w.toByteArray();
    }

    private static void body(Pdu pdu, PduWriter w) {
        if (pdu instanceof Bind b) {
            w.cString(b.systemId())
                    .cString(b.password())
                    .cString(b.systemType())
                    .u8(b.interfaceVersion())
                    .address(b.addressRange());
        } else if (pdu instanceof BindResp b) {
            if (b.isOk() || !b.systemId().isEmpty() || !b.tlvs().isEmpty()) {
                w.cString(b.systemId()).tlvs(b.tlvs());
            }
        } else if (pdu instanceof ShortMessagePdu s) {
            smFields(s.sm(), w);
        } else if (pdu instanceof SubmitSmResp s) {
            optionalId(s.isOk(), s.messageId(), w);
        } else if (pdu instanceof DeliverSmResp d) {
            optionalId(d.isOk(), d.messageId(), w);
        } else if (pdu instanceof DataSm d) {
            w.cString(d.serviceType())
                    .address(d.source())
                    .address(d.destination())
                    .u8(d.esmClass())
                    .u8(d.registeredDelivery())
                    .u8(d.dataCoding())
                    .tlvs(d.tlvs());
        } else if (pdu instanceof DataSmResp d) {
            if (d.isOk() || !d.messageId().isEmpty() || !d.tlvs().isEmpty()) {
                w.cString(d.messageId()).tlvs(d.tlvs());
            }
        } else if (pdu instanceof QuerySm q) {
            w.cString(q.messageId()).address(q.source());
        } else if (pdu instanceof QuerySmResp q) {
            if (q.isOk()
                    || !q.messageId().isEmpty()
                    || !q.finalDate().isEmpty()
                    || q.messageState() != 0
                    || q.errorCode() != 0) {
                w.cString(q.messageId())
                        .cString(q.finalDate())
                        .u8(q.messageState())
                        .u8(q.errorCode());
            }
        }
        // unbind, unbind_resp, enquire_link, enquire_link_resp, generic_nack: header only
    }

    private static void optionalId(boolean ok, String messageId, PduWriter w) {
        if (ok || !messageId.isEmpty()) {
            w.cString(messageId);
        }
    }

    private static void smFields(SmFields f, PduWriter w) {
        byte[] sm = f.shortMessageUnsafe();
        w.cString(f.serviceType())
                .address(f.source())
                .address(f.destination())
                .u8(f.esmClass())
                .u8(f.protocolId())
                .u8(f.priorityFlag())
                .cString(f.scheduleDeliveryTime())
                .cString(f.validityPeriod())
                .u8(f.registeredDelivery())
                .u8(f.replaceIfPresentFlag())
                .u8(f.dataCoding())
                .u8(f.smDefaultMsgId())
                .u8(sm.length)
                .bytes(sm)
                .tlvs(f.tlvs());
    }
}
