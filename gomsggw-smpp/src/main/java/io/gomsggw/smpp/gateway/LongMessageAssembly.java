package io.gomsggw.smpp.gateway;

import io.gomsggw.core.store.HeldPart;
import io.gomsggw.smpp.charset.DataCoding;
import io.gomsggw.smpp.text.ConcatInfo;
import io.gomsggw.smpp.text.Reassembler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of one client's long messages on their way to being whole. Every part of a message is
 * answered with the same message id, reserved when its first part arrives and given to the stored
 * message; a receipt is asked for when any part asked for one.
 *
 * <p>Durable: a part that is not the last is held in {@link HeldParts} and may be answered only
 * when {@link Waiting#durable()} completes; if that fails, the part is taken back, so the ESME's
 * retry is not taken for a duplicate. A whole or expired message's parts are released. After a
 * restart, {@link #restore} puts the held parts back.
 *
 * <p>Bounded: at most {@code maxPendingParts} parts of this client, and the node-wide
 * {@code totalParts} counter at most {@code maxTotalParts}; beyond either, {@link Full}
 * ({@code ESME_RMSGQFUL}). Thread-safe (one lock per client).
 */
final class LongMessageAssembly {
    private static final Logger log = LoggerFactory.getLogger(LongMessageAssembly.class);

    private final long clientId;
    private final String username;
    private final Clock clock;
    private final Reassembler reassembler;
    private final HeldParts held;
    private final AtomicInteger totalParts;
    private final int maxTotalParts;
    private final Map<Key, Reserved> reserved = new HashMap<>();

    LongMessageAssembly(
            long clientId,
            String username,
            Clock clock,
            Duration timeout,
            int maxPendingParts,
            HeldParts held,
            AtomicInteger totalParts,
            int maxTotalParts) {
        this.clientId = clientId;
        this.username = username;
        this.clock = clock;
        this.reassembler = new Reassembler(clock, timeout, maxPendingParts, DataCoding.STANDARD);
        this.held = held;
        this.totalParts = totalParts;
        this.maxTotalParts = maxTotalParts;
    }

    /** What became of one part. */
    sealed interface Step {}

    /** The message is whole: submit it under {@code id}. */
    record Whole(String id, Optional<String> text, int registeredDelivery) implements Step {}

    /** More parts are expected; answer this one with {@code id} once {@code durable} completes (a failure: answer an error). */
    record Waiting(String id, CompletableFuture<Void> durable) implements Step {}

    /** Too many parts are pending for this client or the node. */
    record Full() implements Step {}

    private record Key(String source, String destination, int reference) {}

    /** The message id of a message being assembled, its receipt request, its first part's time and its last hold. */
    private record Reserved(String id, int registeredDelivery, Instant firstSeen, CompletableFuture<Void> lastHold) {}

    synchronized Step offer(
            String source,
            String destination,
            ConcatInfo concat,
            int dataCoding,
            byte[] payload,
            int registeredDelivery) {
        expire();
        Key key = new Key(source, destination, concat.reference());
        Reserved mine = reserved.get(key);
        if (totalParts.get() >= maxTotalParts) {
            return new Full();
        }
        int before = reassembler.pendingParts();
        Reassembler.Result result =
                reassembler.offer(new Reassembler.Fragment(source, destination, concat, dataCoding, payload));
        totalParts.addAndGet(reassembler.pendingParts() - before);
        if (result instanceof Reassembler.Rejected) {
            return new Full();
        }
        if (mine == null || result instanceof Reassembler.Pending pending && pending.received() == 1) {
            // a new message, or a new one reusing a reference whose earlier message was dropped
            if (mine != null) {
                held.release(mine.id());
            }
            mine = new Reserved(
                    UUID.randomUUID().toString(), 0, clock.instant(), CompletableFuture.completedFuture(null));
        }
        mine = new Reserved(
                mine.id(), mine.registeredDelivery() | registeredDelivery, mine.firstSeen(), mine.lastHold());
        if (result instanceof Reassembler.Complete complete) {
            reserved.remove(key);
            return new Whole(mine.id(), complete.text(), mine.registeredDelivery());
        }
        if (result instanceof Reassembler.Duplicate) {
            reserved.put(key, mine);
            return new Waiting(mine.id(), mine.lastHold());
        }
        CompletableFuture<Void> durable = held.hold(new HeldPart(
                clientId,
                mine.id(),
                source,
                destination,
                concat.reference(),
                concat.total(),
                concat.seqnum(),
                dataCoding,
                registeredDelivery,
                payload,
                mine.firstSeen()));
        reserved.put(key, new Reserved(mine.id(), mine.registeredDelivery(), mine.firstSeen(), durable));
        durable.whenComplete((ok, failure) -> {
            if (failure != null) {
                takeBack(key, concat.seqnum());
            }
        });
        return new Waiting(mine.id(), durable);
    }

    /** A part that could not be made durable is forgotten: it was answered with an error. */
    private synchronized void takeBack(Key key, int seqnum) {
        int before = reassembler.pendingParts();
        reassembler.remove(key.source(), key.destination(), key.reference(), seqnum);
        totalParts.addAndGet(reassembler.pendingParts() - before);
    }

    /**
     * Puts back the parts of one message held before a restart (all with the same message id),
     * keeping its id and the time its first part arrived. Parts beyond the bounds are released.
     */
    synchronized void restore(List<HeldPart> parts) {
        HeldPart first = parts.get(0);
        Key key = new Key(first.source(), first.destination(), first.reference());
        int registeredDelivery = 0;
        boolean kept = true;
        for (HeldPart part : parts) {
            int before = reassembler.pendingParts();
            Reassembler.Result result = reassembler.restore(
                    new Reassembler.Fragment(
                            part.source(),
                            part.destination(),
                            new ConcatInfo(part.reference(), part.total(), part.seqnum()),
                            part.dataCoding(),
                            part.payload()),
                    part.receivedAt());
            totalParts.addAndGet(reassembler.pendingParts() - before);
            kept &= result instanceof Reassembler.Pending || result instanceof Reassembler.Duplicate;
            registeredDelivery |= part.registeredDelivery();
        }
        if (!kept) {
            int before = reassembler.pendingParts();
            parts.forEach(p -> reassembler.remove(p.source(), p.destination(), p.reference(), p.seqnum()));
            totalParts.addAndGet(reassembler.pendingParts() - before);
            held.release(first.messageId());
            log.warn(
                    "smpp held long message parts not restored, too many client={} id={} parts={}",
                    username,
                    first.messageId(),
                    parts.size());
            return;
        }
        reserved.put(
                key,
                new Reserved(
                        first.messageId(),
                        registeredDelivery,
                        first.receivedAt(),
                        CompletableFuture.completedFuture(null)));
    }

    /** The message is stored (or refused): its held parts are no longer needed. */
    void released(String id) {
        held.release(id);
    }

    /** Drops the messages whose parts did not all arrive in time; their earlier parts were answered, so say so. */
    synchronized void expire() {
        int before = reassembler.pendingParts();
        List<Reassembler.Expired> expired = reassembler.expire();
        totalParts.addAndGet(reassembler.pendingParts() - before);
        for (Reassembler.Expired e : expired) {
            Reserved dropped = reserved.remove(new Key(e.source(), e.destination(), e.reference()));
            if (dropped != null) {
                held.release(dropped.id());
            }
            log.warn(
                    "smpp long message incomplete, dropped client={} id={} reference={} parts_received={} parts_expected={}",
                    username,
                    dropped == null ? "" : dropped.id(),
                    e.reference(),
                    e.received(),
                    e.total());
        }
    }

    synchronized int pendingParts() {
        return reassembler.pendingParts();
    }
}
