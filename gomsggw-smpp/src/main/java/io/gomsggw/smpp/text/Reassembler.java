package io.gomsggw.smpp.text;

import io.gomsggw.smpp.charset.DataCoding;
import io.gomsggw.smpp.charset.TextCodec;
import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts the parts of long messages back together, keyed by (source, destination, reference).
 * Holds at most {@code maxPendingParts} parts across all incomplete messages; a message whose
 * first part arrived more than {@code timeout} ago (by the injected clock) is dropped.
 * Payloads of one message are concatenated before decoding, so an escape sequence or surrogate
 * pair split by a careless sender still decodes. Methods are synchronized; one instance per
 * client is the intended use.
 */
public final class Reassembler {
    private final Clock clock;
    private final Duration timeout;
    private final int maxPendingParts;
    private final DataCoding dataCoding;
    private final Map<Key, Group> groups = new LinkedHashMap<>();
    private int pendingParts;

    /**
     * @param clock           time source for expiry
     * @param timeout         how long an incomplete message waits for its other parts
     * @param maxPendingParts cap on parts held (at least 1)
     * @param dataCoding      how to decode the completed payload
     */
    public Reassembler(Clock clock, Duration timeout, int maxPendingParts, DataCoding dataCoding) {
        if (maxPendingParts < 1 || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("maxPendingParts >= 1 and a positive timeout required");
        }
        this.clock = clock;
        this.timeout = timeout;
        this.maxPendingParts = maxPendingParts;
        this.dataCoding = dataCoding;
    }

    /** One part as received. */
    public record Fragment(String source, String destination, ConcatInfo concat, int dataCoding, byte[] payload) {
        /** Copies the payload. */
        public Fragment {
            payload = payload.clone();
        }
    }

    /** What {@link #offer} did with a part. */
    public sealed interface Result permits Complete, Pending, Duplicate, Rejected {}

    /**
     * The message is whole.
     *
     * @param payload    all payloads concatenated in part order
     * @param dataCoding the first part's data_coding
     * @param text       the decoded text, empty for binary codings
     */
    public record Complete(byte[] payload, int dataCoding, Optional<String> text) implements Result {}

    /**
     * Stored; more parts are expected.
     *
     * @param received parts held for this message
     * @param total    parts expected
     */
    public record Pending(int received, int total) implements Result {}

    /** This part number was already held; the part was ignored. */
    public record Duplicate() implements Result {}

    /**
     * Not stored because the cap on pending parts is reached (answer {@code ESME_RMSGQFUL}).
     *
     * @param pendingParts parts currently held
     */
    public record Rejected(int pendingParts) implements Result {}

    /**
     * An incomplete message dropped by expiry.
     *
     * @param source      source address
     * @param destination destination address
     * @param reference   reference
     * @param received    parts that had arrived
     * @param total       parts expected
     */
    public record Expired(String source, String destination, int reference, int received, int total) {}

    private record Key(String source, String destination, int reference) {}

    private static final class Group {
        final Instant firstSeen;
        final byte[][] parts;
        final int[] codings;
        int received;

        Group(Instant firstSeen, int total) {
            this.firstSeen = firstSeen;
            this.parts = new byte[total][];
            this.codings = new int[total];
        }
    }

    /** Adds one part. Expired messages are dropped first. */
    public synchronized Result offer(Fragment f) {
        expire();
        return add(f, clock.instant());
    }

    /**
     * Adds a part held before a restart, whose message's first part arrived at {@code firstSeen}
     * (its expiry runs from there). The cap on pending parts applies as to {@link #offer}.
     */
    public synchronized Result restore(Fragment f, Instant firstSeen) {
        return add(f, firstSeen);
    }

    /**
     * Takes back one part that was added (its answer failed, so the sender will send it again);
     * does nothing when it is not held.
     */
    public synchronized void remove(String source, String destination, int reference, int seqnum) {
        Key key = new Key(source, destination, reference);
        Group g = groups.get(key);
        if (g == null || seqnum < 1 || seqnum > g.parts.length || g.parts[seqnum - 1] == null) {
            return;
        }
        g.parts[seqnum - 1] = null;
        g.received--;
        pendingParts--;
        if (g.received == 0) {
            groups.remove(key);
        }
    }

    private Result add(Fragment f, Instant firstSeen) {
        ConcatInfo c = f.concat();
        if (c.total() == 1) {
            return complete(new byte[][] {f.payload}, new int[] {f.dataCoding()});
        }
        Key key = new Key(f.source(), f.destination(), c.reference());
        Group g = groups.get(key);
        if (g != null && g.parts.length != c.total()) {
            // same reference, different part count: a new message reusing the reference
            groups.remove(key);
            pendingParts -= g.received;
            g = null;
        }
        if (g != null && g.parts[c.seqnum() - 1] != null) {
            return new Duplicate();
        }
        if (pendingParts >= maxPendingParts) {
            return new Rejected(pendingParts);
        }
        if (g == null) {
            g = new Group(firstSeen, c.total());
            groups.put(key, g);
        }
        g.parts[c.seqnum() - 1] = f.payload;
        g.codings[c.seqnum() - 1] = f.dataCoding();
        g.received++;
        pendingParts++;
        if (g.received < c.total()) {
            return new Pending(g.received, c.total());
        }
        groups.remove(key);
        pendingParts -= g.received;
        return complete(g.parts, g.codings);
    }

    /** Drops and returns the messages that waited longer than the timeout. */
    public synchronized List<Expired> expire() {
        Instant cutoff = clock.instant().minus(timeout);
        List<Expired> out = new ArrayList<>();
        for (Iterator<Map.Entry<Key, Group>> it = groups.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Key, Group> e = it.next();
            Group g = e.getValue();
            if (!g.firstSeen.isAfter(cutoff)) {
                Key k = e.getKey();
                out.add(new Expired(k.source(), k.destination(), k.reference(), g.received, g.parts.length));
                pendingParts -= g.received;
                it.remove();
            }
        }
        return out;
    }

    /** Parts currently held. */
    public synchronized int pendingParts() {
        return pendingParts;
    }

    /** Incomplete messages currently held. */
    public synchronized int pendingMessages() {
        return groups.size();
    }

    private Complete complete(byte[][] parts, int[] codings) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        boolean same = true;
        for (int i = 0; i < parts.length; i++) {
            all.writeBytes(parts[i]);
            same &= codings[i] == codings[0];
        }
        byte[] payload = all.toByteArray();
        Optional<String> text;
        if (same) {
            text = dataCoding.codecFor(codings[0]).map(codec -> codec.decode(payload));
        } else {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < parts.length; i++) {
                Optional<TextCodec> codec = dataCoding.codecFor(codings[i]);
                if (codec.isPresent()) {
                    sb.append(codec.get().decode(parts[i]));
                }
            }
            text = Optional.of(sb.toString());
        }
        return new Complete(payload, codings[0], text);
    }
}
