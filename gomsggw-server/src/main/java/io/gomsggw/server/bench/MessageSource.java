package io.gomsggw.server.bench;

import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.text.Segmenter;
import io.gomsggw.smpp.text.Segments;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the messages of a {@code bench smpp} run, thread-safely: numbers them from 0, takes each
 * one's kind from the {@link TextMix}, and splits its text with the {@link Segmenter} into
 * {@code submit_sm} bodies between international numbers, one conversation after the other (GSM-7 unpacked or UCS-2, a
 * UDH on every part of a long text, no delivery receipt asked for). Each long message gets the next
 * concatenation reference, so parts of different messages in flight at once are not mixed up as
 * long as fewer long messages than references are incomplete at a time.
 */
final class MessageSource {
    private final TextMix mix;
    private final Segmenter segmenter;
    private final List<Address> from;
    private final List<Address> to;
    private final int references;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicInteger nextReference = new AtomicInteger();

    /**
     * @param from      the sender's numbers, E.164 with or without {@code +}; message n is sent from
     *                  {@code from[n % |from|]}
     * @param to        the destination numbers, likewise
     * @param segmenter splits long texts; with 16-bit references when many messages are in flight
     */
    MessageSource(TextMix mix, List<String> from, List<String> to, Segmenter segmenter) {
        this.mix = mix;
        this.segmenter = segmenter;
        this.from = from.stream().map(MessageSource::international).toList();
        this.to = to.stream().map(MessageSource::international).toList();
        this.references = segmenter.sixteenBitReference() ? 1 << 16 : 1 << 8;
    }

    /**
     * The segmenter for {@code inFlight} messages at most in flight at once: 8-bit references (what
     * most ESMEs send) unless more than 255 could be incomplete at a time.
     */
    static Segmenter segmenterFor(long inFlight) {
        return inFlight > 255 ? new Segmenter(true, false) : Segmenter.STANDARD;
    }

    /** The next message. */
    OutgoingMessage next() {
        long id = ids.getAndIncrement();
        MessageKind kind = mix.kindAt(id);
        String text = kind.text(id);
        int reference = kind.parts() > 1 ? Math.floorMod(nextReference.getAndIncrement(), references) : 0;
        Segments segments = segmenter.segment(text, reference);
        List<SmFields> parts = new ArrayList<>(segments.count());
        for (byte[] shortMessage : segments.parts()) {
            parts.add(SmFields.builder()
                    .source(from.get((int) (id % from.size())))
                    .destination(to.get((int) (id % to.size())))
                    .esmClass(segments.udhi() ? SmFields.ESM_UDHI : 0)
                    .dataCoding(segments.dataCoding())
                    .shortMessage(shortMessage)
                    .build());
        }
        return new OutgoingMessage(id, kind, parts);
    }

    private static Address international(String number) {
        return Address.international(number.startsWith("+") ? number.substring(1) : number);
    }
}
