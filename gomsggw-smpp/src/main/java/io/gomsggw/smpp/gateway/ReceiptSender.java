package io.gomsggw.smpp.gateway;

import io.gomsggw.core.dispatch.BatchingWriter;
import io.gomsggw.core.dispatch.StatusListener;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.PendingReceipt;
import io.gomsggw.core.store.PendingReceiptStore;
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
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a delivery receipt ({@code deliver_sm}, esm_class 0x04, the {@code id:… stat:…} text and
 * the {@code receipted_message_id} and {@code message_state} TLVs) when a message an ESME submitted
 * with {@code registered_delivery} turns final. The receipt goes to a receiving bind of the
 * sender.
 *
 * <p>When none is bound, or the bind does not take it, the receipt waits for the client's next
 * bind: in memory and in the {@link PendingReceiptStore} (written behind, many per write), so a
 * restart loses none; the constructor loads those a previous run left. Bounded: at most
 * {@code maxPerClient} receipts wait per client and {@code maxTotal} in all; beyond, the oldest
 * receipt of that client is dropped (with a WARN line): there is nobody to refuse, since the
 * message was accepted long before.
 *
 * <p>Several nodes on one database ({@link #followClients}): a receipt for a client not bound here
 * but bound on another node is handed to that node through the store, and the receipts waiting
 * here follow a client that binds elsewhere ({@link #handOverWaiting}); the node claims them and
 * sends them ({@link #sendHandedOver}).
 *
 * <p>Threading: {@link #onStatus} is called by the dispatcher, the bind hook on an event loop;
 * neither blocks (store writes are queued; only the constructor reads the store).
 */
public final class ReceiptSender implements StatusListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ReceiptSender.class);
    /** Receipts that may wait per client, by default. */
    public static final int MAX_WAITING_PER_CLIENT = 1_000;
    /** Receipts that may wait in all, by default. */
    public static final int MAX_WAITING = 100_000;

    private static final int WRITER_CAPACITY = 10_000;
    private static final int WRITER_BATCH = 1_000;

    private final SessionRegistry sessions;
    private final BatchingWriter<PendingReceiptStore.Change> writer;
    private final int maxPerClient;
    private final int maxTotal;
    private final Map<Long, Deque<PendingReceipt>> waiting = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    /** Null on one node. */
    private volatile Elsewhere elsewhere;
    /** Where hand-overs run (they block); set with {@link #elsewhere}. */
    private volatile Executor blocking;

    /**
     * Where a receipt goes when its client is not bound here (several nodes on one database,
     * docs/scale-out.md): the node where it is bound, if any, and how to hand a receipt there.
     */
    public interface Elsewhere {
        /** The node where the client is bound, when it is not this one. */
        Optional<String> ownerElsewhere(long clientId);

        /** Hands the receipt to {@code node} (written for it in the store); blocks. */
        void handOver(PendingReceipt receipt, String node);
    }

    /** With the default bounds. */
    public ReceiptSender(SessionRegistry sessions, PendingReceiptStore store) {
        this(sessions, store, MAX_WAITING_PER_CLIENT, MAX_WAITING);
    }

    /** Loads the receipts {@code store} holds (blocking) and sends them at their clients' next binds. */
    public ReceiptSender(SessionRegistry sessions, PendingReceiptStore store, int maxPerClient, int maxTotal) {
        this.sessions = sessions;
        this.maxPerClient = maxPerClient;
        this.maxTotal = maxTotal;
        List<PendingReceipt> stored = store.loadAll();
        this.writer = new BatchingWriter<>("pending-receipts", WRITER_CAPACITY, WRITER_BATCH, store::writeAll);
        for (PendingReceipt receipt : stored) {
            if (!remember(receipt, true)) {
                write(new PendingReceiptStore.Drop(receipt.messageId()));
            }
        }
        if (!stored.isEmpty()) {
            log.info("smpp receipts waiting for a bind restored count={}", total.get());
        }
        sessions.onBound(this::sendWaiting);
    }

    /**
     * Sends receipts for clients bound on another node to that node instead of keeping them here
     * (several nodes on one database).
     */
    public void followClients(Elsewhere elsewhere, Executor blocking) {
        this.blocking = blocking;
        this.elsewhere = elsewhere;
    }

    /** A receipt another node handed to this one (it is in the store): sent, or kept for the next bind. */
    public void sendHandedOver(PendingReceipt receipt) {
        send(receipt, true);
    }

    /**
     * The client is now bound on {@code node}: the receipts waiting here for it are handed there.
     * Blocks on the store; call it off the event loops.
     */
    public void handOverWaiting(long clientId, String node) {
        Elsewhere route = elsewhere;
        Deque<PendingReceipt> queue = waiting.get(clientId);
        if (route == null || queue == null) {
            return;
        }
        List<PendingReceipt> due;
        synchronized (queue) {
            due = new ArrayList<>(queue);
            queue.clear();
            total.addAndGet(-due.size());
        }
        for (PendingReceipt receipt : due) {
            try {
                route.handOver(receipt, node);
            } catch (RuntimeException e) {
                keep(receipt, true, "not handed to node " + node + ": " + e);
            }
        }
    }

    @Override
    public void onStatus(Message message, StatusChange change) {
        if (message.ingress() != Protocol.SMPP
                || message.clientId() == null
                || !ReceiptRequest.fromReference(message.externalRef()).wants(change.status())) {
            return;
        }
        send(
                new PendingReceipt(
                        message.clientId(),
                        message.id(),
                        message.from(),
                        message.to(),
                        change.status(),
                        message.createdAt(),
                        change.at(),
                        gsmOnly(message.text())),
                false);
    }

    /** {@code stored}: whether the store holds it (so it is dropped there once sent). */
    private void send(PendingReceipt receipt, boolean stored) {
        SmppSession session = sessions.nextReceiver(receipt.clientId());
        if (session == null) {
            Elsewhere route = elsewhere;
            Optional<String> node = route == null ? Optional.empty() : route.ownerElsewhere(receipt.clientId());
            if (node.isPresent()) {
                handOver(route, receipt, stored, node.get());
            } else {
                keep(receipt, stored, "no receiver bound");
            }
            return;
        }
        session.send(sequence -> new DeliverSm(sequence, receiptPdu(receipt))).whenComplete((response, failure) -> {
            if (failure != null || response.commandStatus() != 0) {
                keep(
                        receipt,
                        stored,
                        failure != null ? failure.getMessage() : CommandStatus.name(response.commandStatus()));
            } else if (stored) {
                write(new PendingReceiptStore.Drop(receipt.messageId()));
            }
        });
    }

    private void handOver(Elsewhere route, PendingReceipt receipt, boolean stored, String node) {
        try {
            blocking.execute(() -> {
                try {
                    route.handOver(receipt, node);
                } catch (RuntimeException e) {
                    keep(receipt, stored, "not handed to node " + node + ": " + e);
                }
            });
        } catch (RuntimeException e) {
            keep(receipt, stored, "not handed to node " + node + ": " + e);
        }
    }

    private void keep(PendingReceipt receipt, boolean stored, String why) {
        boolean kept = remember(receipt, true);
        if (kept && !stored) {
            write(new PendingReceiptStore.Keep(receipt));
        } else if (!kept && stored) {
            write(new PendingReceiptStore.Drop(receipt.messageId()));
        }
        log.info(
                "smpp receipt waits for a receiver id={} client_id={} reason=\"{}\"",
                receipt.messageId(),
                receipt.clientId(),
                why);
    }

    /**
     * Adds the receipt to its client's queue in memory, dropping the client's oldest beyond a
     * bound (or this one, when every receipt waiting belongs to other clients); false when this one
     * was dropped.
     */
    // identity: whether the receipt dropped is the one just offered
    @SuppressWarnings("ReferenceEquality")
    private boolean remember(PendingReceipt receipt, boolean writeDrops) {
        Deque<PendingReceipt> queue = waiting.computeIfAbsent(receipt.clientId(), id -> new ArrayDeque<>());
        PendingReceipt dropped = null;
        synchronized (queue) {
            if (queue.size() >= maxPerClient || total.get() >= maxTotal && !queue.isEmpty()) {
                dropped = queue.removeFirst();
                queue.addLast(receipt);
            } else if (total.get() >= maxTotal) {
                dropped = receipt;
            } else {
                total.incrementAndGet();
                queue.addLast(receipt);
            }
        }
        if (dropped != null) {
            log.warn(
                    "smpp receipt dropped, too many waiting id={} client_id={} waiting_for_client={} waiting_in_all={}",
                    dropped.messageId(),
                    receipt.clientId(),
                    queue.size(),
                    total.get());
            if (writeDrops && dropped != receipt) {
                write(new PendingReceiptStore.Drop(dropped.messageId()));
            }
        }
        return dropped != receipt;
    }

    private void sendWaiting(long clientId) {
        Deque<PendingReceipt> queue = waiting.get(clientId);
        if (queue == null) {
            return;
        }
        List<PendingReceipt> due;
        synchronized (queue) {
            due = new ArrayList<>(queue);
            queue.clear();
            total.addAndGet(-due.size());
        }
        due.forEach(receipt -> send(receipt, true));
    }

    private void write(PendingReceiptStore.Change change) {
        writer.submit(change).whenComplete((ok, failure) -> {
            if (failure != null) {
                log.warn(
                        "smpp pending receipt not stored change={} error={}",
                        change.getClass().getSimpleName(),
                        failure.toString());
            }
        });
    }

    /** Receipts waiting for a bind, in all. */
    public int waitingCount() {
        return total.get();
    }

    /** Writes the changes still queued. */
    @Override
    public void close() {
        writer.close();
    }

    static SmFields receiptPdu(PendingReceipt receipt) {
        boolean delivered = receipt.status() == MessageStatus.DELIVERED;
        String text = new DeliveryReceipt(
                        receipt.messageId(),
                        1,
                        delivered ? 1 : 0,
                        receipt.submittedAt(),
                        receipt.doneAt(),
                        SmppStates.stat(receipt.status()),
                        0,
                        receipt.text())
                .format();
        return SmFields.builder()
                .source(SmppAddresses.fromE164(receipt.to()))
                .destination(SmppAddresses.fromE164(receipt.from()))
                .esmClass(SmFields.ESM_DELIVERY_RECEIPT)
                .dataCoding(0)
                .shortMessage(Gsm7.encodeUnpacked(text))
                .tlv(Tlv.ofCString(TlvTag.RECEIPTED_MESSAGE_ID, receipt.messageId()))
                .tlv(Tlv.ofByte(
                        TlvTag.MESSAGE_STATE,
                        SmppStates.messageState(receipt.status()).code()))
                .build();
    }

    /** The receipt travels as GSM 03.38, which most ESMEs parse; other characters of the quoted text become '?'. */
    private static String gsmOnly(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), 20));
        text.codePoints().limit(20).forEach(cp -> {
            String c = new String(Character.toChars(cp));
            out.append(Gsm7.canEncode(c) ? c : "?");
        });
        return out.toString();
    }
}
