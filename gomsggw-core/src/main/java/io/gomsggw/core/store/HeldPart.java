package io.gomsggw.core.store;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * One part of a long message an ESME submitted and was answered for, held until the message's
 * other parts arrive. Immutable (the payload is copied in and out).
 *
 * @param clientId           the client that sent it
 * @param messageId          the id the message was given when its first part arrived; every part of it carries it
 * @param source             source address as the ESME sent it
 * @param destination        destination address as the ESME sent it
 * @param reference          the concatenation reference (0..65535)
 * @param total              the number of parts of the message (2..255)
 * @param seqnum             this part's number (1..total)
 * @param dataCoding         the part's data_coding
 * @param registeredDelivery the part's registered_delivery
 * @param payload            the part's user data, without its header
 * @param receivedAt         when the message's first part arrived (its expiry runs from there)
 */
public record HeldPart(
        long clientId,
        String messageId,
        String source,
        String destination,
        int reference,
        int total,
        int seqnum,
        int dataCoding,
        int registeredDelivery,
        byte[] payload,
        Instant receivedAt) {
    public HeldPart {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(destination, "destination");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (reference < 0 || reference > 0xFFFF || total < 1 || total > 255 || seqnum < 1 || seqnum > total) {
            throw new IllegalArgumentException("invalid part " + reference + "/" + total + "/" + seqnum);
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HeldPart p
                && clientId == p.clientId
                && messageId.equals(p.messageId)
                && source.equals(p.source)
                && destination.equals(p.destination)
                && reference == p.reference
                && total == p.total
                && seqnum == p.seqnum
                && dataCoding == p.dataCoding
                && registeredDelivery == p.registeredDelivery
                && Arrays.equals(payload, p.payload)
                && receivedAt.equals(p.receivedAt);
    }

    @Override
    public int hashCode() {
        return Objects.hash(clientId, messageId, seqnum, Arrays.hashCode(payload));
    }

    @Override
    public String toString() {
        return "HeldPart[client=" + clientId + ", id=" + messageId + ", " + seqnum + "/" + total + ", ref=" + reference
                + ", " + payload.length + " bytes]";
    }
}
