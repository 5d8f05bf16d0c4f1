package io.gomsggw.core.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A message record: what was sent, by whom, to whom, and where it is in its life cycle.
 * Immutable; use {@link #builder()} or {@link #toBuilder()} to derive a changed copy.
 *
 * @param id                 gateway message id (a UUID string), assigned at ingress
 * @param type               SMS or MMS
 * @param direction          outbound (sent by a client) or inbound (from a carrier)
 * @param from               sender number in E.164
 * @param to                 recipient number in E.164
 * @param text               message text; may be empty, never null
 * @param media              MMS attachments; empty for SMS
 * @param ingress            the protocol the message came in by
 * @param clientId           the client that sent it (outbound) or null (inbound from a carrier)
 * @param targetClientId     the client it is delivered to (internal or inbound), or null when it leaves by a carrier
 * @param carrier            the carrier name it leaves or came by, or null for internal delivery
 * @param carrierMessageId   the id the carrier gave it, once known
 * @param status             current status
 * @param attempts           delivery attempts made so far
 * @param lastError          the most recent failure reason, or null
 * @param serverId           the gateway node that owns it: the one that accepted it, or the one it was
 *                           handed to or taken over by (several nodes, docs/scale-out.md)
 * @param createdAt          when it was accepted
 * @param updatedAt          when its status last changed
 * @param externalRef        an ingress-specific reference (SMPP sequence, MM4 transaction id), or null
 * @param retryAt            while the message waits for its next delivery attempt (parked): when it is
 *                           due; null otherwise
 * @param windowFrom         when the current delivery window began: null means {@code createdAt}; a
 *                           redelivery starts a new window
 * @param handoverSeq        while the message waits for the node {@link #serverId} to claim it (it was
 *                           handed over to the node where its SMPP client is bound, docs/scale-out.md):
 *                           its place in that node's order; null otherwise
 */
public record Message(
        String id,
        MessageType type,
        Direction direction,
        String from,
        String to,
        String text,
        List<MediaPart> media,
        Protocol ingress,
        Long clientId,
        Long targetClientId,
        String carrier,
        String carrierMessageId,
        MessageStatus status,
        int attempts,
        String lastError,
        String serverId,
        Instant createdAt,
        Instant updatedAt,
        String externalRef,
        Instant retryAt,
        Instant windowFrom,
        Long handoverSeq) {

    public Message {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        text = text == null ? "" : text;
        media = media == null ? List.of() : List.copyOf(media);
        Objects.requireNonNull(ingress, "ingress");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(createdAt, "createdAt");
        updatedAt = updatedAt == null ? createdAt : updatedAt;
    }

    /** When the current delivery window began: {@link #windowFrom}, else {@link #createdAt}. */
    public Instant windowStart() {
        return windowFrom != null ? windowFrom : createdAt;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Builder for {@link Message}; defaults: status {@code QUEUED}, no media, no attempts. */
    public static final class Builder {
        private String id;
        private MessageType type = MessageType.SMS;
        private Direction direction = Direction.OUTBOUND;
        private String from;
        private String to;
        private String text = "";
        private List<MediaPart> media = List.of();
        private Protocol ingress = Protocol.HTTP;
        private Long clientId;
        private Long targetClientId;
        private String carrier;
        private String carrierMessageId;
        private MessageStatus status = MessageStatus.QUEUED;
        private int attempts;
        private String lastError;
        private String serverId;
        private Instant createdAt;
        private Instant updatedAt;
        private String externalRef;
        private Instant retryAt;
        private Instant windowFrom;
        private Long handoverSeq;

        private Builder() {}

        private Builder(Message m) {
            id = m.id;
            type = m.type;
            direction = m.direction;
            from = m.from;
            to = m.to;
            text = m.text;
            media = m.media;
            ingress = m.ingress;
            clientId = m.clientId;
            targetClientId = m.targetClientId;
            carrier = m.carrier;
            carrierMessageId = m.carrierMessageId;
            status = m.status;
            attempts = m.attempts;
            lastError = m.lastError;
            serverId = m.serverId;
            createdAt = m.createdAt;
            updatedAt = m.updatedAt;
            externalRef = m.externalRef;
            retryAt = m.retryAt;
            windowFrom = m.windowFrom;
            handoverSeq = m.handoverSeq;
        }

        public Builder id(String v) {
            id = v;
            return this;
        }

        public Builder type(MessageType v) {
            type = v;
            return this;
        }

        public Builder direction(Direction v) {
            direction = v;
            return this;
        }

        public Builder from(String v) {
            from = v;
            return this;
        }

        public Builder to(String v) {
            to = v;
            return this;
        }

        public Builder text(String v) {
            text = v;
            return this;
        }

        public Builder media(List<MediaPart> v) {
            media = v;
            return this;
        }

        public Builder ingress(Protocol v) {
            ingress = v;
            return this;
        }

        public Builder clientId(Long v) {
            clientId = v;
            return this;
        }

        public Builder targetClientId(Long v) {
            targetClientId = v;
            return this;
        }

        public Builder carrier(String v) {
            carrier = v;
            return this;
        }

        public Builder carrierMessageId(String v) {
            carrierMessageId = v;
            return this;
        }

        public Builder status(MessageStatus v) {
            status = v;
            return this;
        }

        public Builder attempts(int v) {
            attempts = v;
            return this;
        }

        public Builder lastError(String v) {
            lastError = v;
            return this;
        }

        public Builder serverId(String v) {
            serverId = v;
            return this;
        }

        public Builder createdAt(Instant v) {
            createdAt = v;
            return this;
        }

        public Builder updatedAt(Instant v) {
            updatedAt = v;
            return this;
        }

        public Builder externalRef(String v) {
            externalRef = v;
            return this;
        }

        public Builder retryAt(Instant v) {
            retryAt = v;
            return this;
        }

        public Builder windowFrom(Instant v) {
            windowFrom = v;
            return this;
        }

        public Builder handoverSeq(Long v) {
            handoverSeq = v;
            return this;
        }

        public Message build() {
            return new Message(
                    id,
                    type,
                    direction,
                    from,
                    to,
                    text,
                    media,
                    ingress,
                    clientId,
                    targetClientId,
                    carrier,
                    carrierMessageId,
                    status,
                    attempts,
                    lastError,
                    serverId,
                    createdAt,
                    updatedAt,
                    externalRef,
                    retryAt,
                    windowFrom,
                    handoverSeq);
        }
    }
}
