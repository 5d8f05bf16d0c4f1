package io.gomsggw.smpp.gateway;

import io.gomsggw.smpp.charset.DataCoding;
import io.gomsggw.smpp.text.ConcatInfo;
import io.gomsggw.smpp.text.Reassembler;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of one client's long messages on their way to being whole. Every part of a message is
 * answered with the same message id, reserved when its first part arrives and given to the stored
 * message; a receipt is asked for when any part asked for one. Thread-safe (one lock per client).
 */
final class LongMessageAssembly {
    private static final Logger log = LoggerFactory.getLogger(LongMessageAssembly.class);

    private final Reassembler reassembler;
    private final String username;
    private final Map<Key, Reserved> reserved = new HashMap<>();

    LongMessageAssembly(String username, Clock clock, Duration timeout, int maxPendingParts) {
        this.username = username;
        this.reassembler = new Reassembler(clock, timeout, maxPendingParts, DataCoding.STANDARD);
    }

    /** What became of one part. */
    sealed interface Step {
    }

    /** The message is whole: submit it under {@code id}. */
    record Whole(String id, Optional<String> text, int registeredDelivery) implements Step {
    }

    /** More parts are expected; answer this one with {@code id}. */
    record Waiting(String id) implements Step {
    }

    /** Too many parts are pending for this client. */
    record Full() implements Step {
    }

    private record Key(String source, String destination, int reference) {
    }

    private record Reserved(String id, int registeredDelivery) {
    }

    synchronized Step offer(String source, String destination, ConcatInfo concat, int dataCoding, byte[] payload,
                            int registeredDelivery) {
        expire();
        Key key = new Key(source, destination, concat.reference());
        Reserved mine = reserved.get(key);
        Reassembler.Result result = reassembler.offer(
                new Reassembler.Fragment(source, destination, concat, dataCoding, payload));
        if (result instanceof Reassembler.Rejected) {
            return new Full();
        }
        if (mine == null || result instanceof Reassembler.Pending pending && pending.received() == 1) {
            // a new message, or a new one reusing a reference whose earlier message was dropped
            mine = new Reserved(UUID.randomUUID().toString(), 0);
        }
        mine = new Reserved(mine.id(), mine.registeredDelivery() | registeredDelivery);
        if (result instanceof Reassembler.Complete complete) {
            reserved.remove(key);
            return new Whole(mine.id(), complete.text(), mine.registeredDelivery());
        }
        reserved.put(key, mine);
        return new Waiting(mine.id());
    }

    /** Drops the messages whose parts did not all arrive in time; their earlier parts were answered, so say so. */
    synchronized void expire() {
        List<Reassembler.Expired> expired = reassembler.expire();
        for (Reassembler.Expired e : expired) {
            Reserved dropped = reserved.remove(new Key(e.source(), e.destination(), e.reference()));
            log.warn("smpp long message incomplete, dropped client={} id={} reference={} parts_received={} parts_expected={}",
                    username, dropped == null ? "" : dropped.id(), e.reference(), e.received(), e.total());
        }
    }

    synchronized int pendingParts() {
        return reassembler.pendingParts();
    }
}
