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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a delivery receipt ({@code deliver_sm}, esm_class 0x04, the {@code id:… stat:…} text and
 * the {@code receipted_message_id} and {@code message_state} TLVs) when a message an ESME submitted
 * with {@code registered_delivery} turns final. The receipt goes to a receiving bind of the
 * sender. When none is bound, or the bind does not take it, the receipt waits in memory (at most
 * {@value #MAX_WAITING} per client, oldest dropped first) and goes out when the client binds again;
 * waiting receipts do not survive a restart.
 */
public final class ReceiptSender implements StatusListener {
    private static final Logger log = LoggerFactory.getLogger(ReceiptSender.class);
    static final int MAX_WAITING = 1_000;

    private final SessionRegistry sessions;
    private final Map<Long, Deque<Pending>> waiting = new ConcurrentHashMap<>();

    private record Pending(String messageId, SmFields receipt) {
    }

    public ReceiptSender(SessionRegistry sessions) {
        this.sessions = sessions;
        sessions.onBound(this::sendWaiting);
    }

    @Override
    public void onStatus(Message message, StatusChange change) {
        if (message.ingress() != Protocol.SMPP || message.clientId() == null
                || !ReceiptRequest.fromReference(message.externalRef()).wants(change.status())) {
            return;
        }
        send(message.clientId(), new Pending(message.id(), receipt(message, change)));
    }

    private void send(long clientId, Pending pending) {
        SmppSession session = sessions.nextReceiver(clientId);
        if (session == null) {
            keep(clientId, pending, "no receiver bound");
            return;
        }
        session.send(sequence -> new DeliverSm(sequence, pending.receipt())).whenComplete((response, failure) -> {
            if (failure != null || response.commandStatus() != 0) {
                keep(clientId, pending, failure != null ? failure.getMessage() : CommandStatus.name(response.commandStatus()));
            }
        });
    }

    private void keep(long clientId, Pending pending, String why) {
        Deque<Pending> queue = waiting.computeIfAbsent(clientId, id -> new ArrayDeque<>());
        synchronized (queue) {
            if (queue.size() >= MAX_WAITING) {
                Pending dropped = queue.removeFirst();
                log.warn("smpp receipt dropped, too many waiting id={} client_id={}", dropped.messageId(), clientId);
            }
            queue.addLast(pending);
        }
        log.info("smpp receipt waits for a receiver id={} client_id={} reason=\"{}\"", pending.messageId(), clientId, why);
    }

    private void sendWaiting(long clientId) {
        Deque<Pending> queue = waiting.get(clientId);
        if (queue == null) {
            return;
        }
        List<Pending> due;
        synchronized (queue) {
            due = new ArrayList<>(queue);
            queue.clear();
        }
        due.forEach(pending -> send(clientId, pending));
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
