package io.gomsggw.smpp.gateway;

import io.gomsggw.core.dispatch.StatusListener;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.smpp.charset.Gsm7;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.DeliverSm;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.pdu.Tlv;
import io.gomsggw.smpp.pdu.TlvTag;
import io.gomsggw.smpp.receipt.DeliveryReceipt;
import io.gomsggw.smpp.session.SmppSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a delivery receipt ({@code deliver_sm}, esm_class 0x04, the {@code id:… stat:…} text and
 * the {@code receipted_message_id} and {@code message_state} TLVs) when a message an ESME submitted
 * with {@code registered_delivery} turns final. The receipt goes to a receiving bind of the
 * sender; with none bound at that moment it is not sent, and the log says so.
 */
public final class ReceiptSender implements StatusListener {
    private static final Logger log = LoggerFactory.getLogger(ReceiptSender.class);

    private final SessionRegistry sessions;

    public ReceiptSender(SessionRegistry sessions) {
        this.sessions = sessions;
    }

    @Override
    public void onStatus(Message message, StatusChange change) {
        if (message.ingress() != Protocol.SMPP || message.clientId() == null
                || !ReceiptRequest.fromReference(message.externalRef()).wants(change.status())) {
            return;
        }
        SmppSession session = sessions.nextReceiver(message.clientId());
        if (session == null) {
            log.info("smpp receipt not sent, no receiver bound id={} client_id={} status={}", message.id(),
                    message.clientId(), change.status().wireName());
            return;
        }
        SmFields receipt = receipt(message, change);
        session.send(sequence -> new DeliverSm(sequence, receipt)).whenComplete((response, failure) -> {
            if (failure != null || response.commandStatus() != 0) {
                log.info("smpp receipt not accepted id={} session={} outcome={}", message.id(), session.id(),
                        failure != null ? failure.getMessage() : CommandStatus.name(response.commandStatus()));
            }
        });
    }

    static SmFields receipt(Message message, StatusChange change) {
        boolean delivered = change.status() == io.gomsggw.core.model.MessageStatus.DELIVERED;
        String text = new DeliveryReceipt(message.id(), 1, delivered ? 1 : 0, message.createdAt(), change.at(),
                SmppStates.stat(change.status()), 0, gsmOnly(message.text())).format();
        return SmFields.builder()
                .source(SmppAddresses.fromE164(message.to()))
                .destination(SmppAddresses.fromE164(message.from()))
                .esmClass(SmFields.ESM_DELIVERY_RECEIPT)
                .dataCoding(0)
                .shortMessage(Gsm7.encodeUnpacked(text))
                .tlv(Tlv.ofCString(TlvTag.RECEIPTED_MESSAGE_ID, message.id()))
                .tlv(Tlv.ofByte(TlvTag.MESSAGE_STATE, SmppStates.messageState(change.status()).code()))
                .build();
    }

    /** The receipt travels as GSM 03.38, which most ESMEs parse; other characters of the quoted text become '?'. */
    private static String gsmOnly(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), 20));
        text.codePoints().limit(20).forEach(cp -> {
            String c = new String(Character.toChars(cp));
            out.append(Gsm7.canEncode(c) ? c : "?");
        });
        return out.toString();
    }
}
