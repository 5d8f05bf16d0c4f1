package io.gomsggw.server.bench;

import io.gomsggw.smpp.charset.DataCoding;
import io.gomsggw.smpp.pdu.DeliverSm;
import io.gomsggw.smpp.pdu.DeliverSmResp;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.session.SmppRequestHandler;
import io.gomsggw.smpp.session.SmppSession;
import io.gomsggw.smpp.text.ConcatInfo;
import io.gomsggw.smpp.text.MessagePart;
import io.gomsggw.smpp.text.MessageParts;
import io.gomsggw.smpp.text.Reassembler;
import io.gomsggw.smpp.text.UdhException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Answers every {@code deliver_sm} of the receiving binds with {@code ESME_ROK} at once, and hands
 * each whole message to the {@link DeliveryRecorder}: a single part directly, the parts of a long
 * message once its {@link Reassembler} (shared by all receiving binds, since the gateway may spread
 * one message's parts over them) has them all. Delivery receipts and {@code data_sm} are answered
 * and otherwise ignored. Thread-safe.
 */
final class DeliverSmReceiver implements SmppRequestHandler {
    private static final Duration REASSEMBLY_TIMEOUT = Duration.ofMinutes(2);
    private static final int MAX_PENDING_PARTS = 1_000_000;

    private final DeliveryRecorder deliveries;
    private final Reassembler reassembler =
            new Reassembler(Clock.systemUTC(), REASSEMBLY_TIMEOUT, MAX_PENDING_PARTS, DataCoding.STANDARD);

    DeliverSmReceiver(DeliveryRecorder deliveries) {
        this.deliveries = deliveries;
    }

    @Override
    public CompletionStage<? extends ResponsePdu> onRequest(SmppSession session, RequestPdu request) {
        if (request instanceof DeliverSm deliver) {
            receive(deliver.sm(), System.nanoTime());
            return CompletableFuture.completedFuture(DeliverSmResp.ok(deliver.sequenceNumber()));
        }
        return CompletableFuture.completedFuture(request.errorResponse(0));
    }

    private void receive(SmFields sm, long nowNanos) {
        deliveries.part();
        if (sm.isDeliveryReceipt()) {
            return;
        }
        MessagePart part;
        try {
            part = MessageParts.STANDARD.of(sm);
        } catch (UdhException e) {
            deliveries.delivered("", nowNanos); // counted as a message that is not ours
            return;
        }
        Optional<ConcatInfo> concat = part.concat().filter(c -> c.total() > 1);
        if (concat.isEmpty()) {
            deliveries.delivered(
                    DataCoding.STANDARD
                            .codecFor(part.dataCoding())
                            .map(codec -> codec.decode(part.payload()))
                            .orElse(""),
                    nowNanos);
            return;
        }
        Reassembler.Result result = reassembler.offer(new Reassembler.Fragment(
                sm.source().address(), sm.destination().address(), concat.get(), part.dataCoding(), part.payload()));
        if (result instanceof Reassembler.Complete complete) {
            deliveries.delivered(complete.text().orElse(""), nowNanos);
        }
    }
}
