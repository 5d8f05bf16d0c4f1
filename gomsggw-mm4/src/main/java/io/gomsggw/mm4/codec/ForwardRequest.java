package io.gomsggw.mm4.codec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code MM4_forward.REQ}: a multimedia message handed from one relay to another. Build one with
 * {@link #builder()}.
 *
 * @param version                 {@code X-Mms-3GPP-MMS-Version}
 * @param transactionId           {@code X-Mms-Transaction-ID}
 * @param messageId               {@code X-Mms-Message-ID}, as written (see {@link Mm4Message#messageId()})
 * @param from                    the originator ({@code From})
 * @param recipients              the recipients, those of {@code To} then those of {@code Cc}, in order;
 *                                never empty
 * @param subject                 {@code Subject}, decoded (RFC 2047 encoded words included), if any
 * @param date                    {@code Date}, if present and readable
 * @param ackRequested            {@code X-Mms-Ack-Request: Yes}: the sender wants an {@code MM4_forward.RES}
 * @param deliveryReportRequested {@code X-Mms-Delivery-Report: Yes}
 * @param originatorSystem        {@code X-Mms-Originator-System}: where responses go, if given
 * @param text                    the text parts decoded from their charsets, joined with {@code "\n"},
 *                                CRLF line ends read as {@code "\n"}; empty when there is none
 * @param media                   the other parts (not text/plain, not SMIL), in message order
 * @param smil                    the {@code application/smil} part, kept aside, if any
 */
public record ForwardRequest(
        String version,
        String transactionId,
        String messageId,
        Mm4Address from,
        List<Mm4Address> recipients,
        Optional<String> subject,
        Optional<Instant> date,
        boolean ackRequested,
        boolean deliveryReportRequested,
        Optional<String> originatorSystem,
        String text,
        List<Mm4Part> media,
        Optional<Mm4Part> smil)
        implements Mm4Message {

    public ForwardRequest {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(transactionId, "transactionId");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(from, "from");
        recipients = List.copyOf(recipients);
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(originatorSystem, "originatorSystem");
        Objects.requireNonNull(text, "text");
        media = List.copyOf(media);
        Objects.requireNonNull(smil, "smil");
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("a forward request needs at least one recipient");
        }
    }

    @Override
    public Mm4MessageType type() {
        return Mm4MessageType.FORWARD_REQ;
    }

    /** A builder with version {@value Mm4Message#CURRENT_VERSION}, no acknowledgement or report requested. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's values. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.version = version;
        b.transactionId = transactionId;
        b.messageId = messageId;
        b.from = from;
        b.recipients.addAll(recipients);
        b.subject = subject;
        b.date = date;
        b.ackRequested = ackRequested;
        b.deliveryReportRequested = deliveryReportRequested;
        b.originatorSystem = originatorSystem;
        b.text = text;
        b.media.addAll(media);
        b.smil = smil;
        return b;
    }

    /** Collects the values of a {@link ForwardRequest}; not thread-safe. */
    public static final class Builder {
        private String version = CURRENT_VERSION;
        private String transactionId;
        private String messageId;
        private Mm4Address from;
        private final List<Mm4Address> recipients = new ArrayList<>();
        private Optional<String> subject = Optional.empty();
        private Optional<Instant> date = Optional.empty();
        private boolean ackRequested;
        private boolean deliveryReportRequested;
        private Optional<String> originatorSystem = Optional.empty();
        private String text = "";
        private final List<Mm4Part> media = new ArrayList<>();
        private Optional<Mm4Part> smil = Optional.empty();

        private Builder() {}

        public Builder version(String version) {
            this.version = version;
            return this;
        }

        public Builder transactionId(String transactionId) {
            this.transactionId = transactionId;
            return this;
        }

        public Builder messageId(String messageId) {
            this.messageId = messageId;
            return this;
        }

        public Builder from(Mm4Address from) {
            this.from = from;
            return this;
        }

        /** Adds one recipient after those already added. */
        public Builder recipient(Mm4Address recipient) {
            this.recipients.add(Objects.requireNonNull(recipient, "recipient"));
            return this;
        }

        /** Replaces the recipients. */
        public Builder recipients(List<Mm4Address> recipients) {
            this.recipients.clear();
            recipients.forEach(this::recipient);
            return this;
        }

        public Builder subject(String subject) {
            this.subject = Optional.of(subject);
            return this;
        }

        public Builder subject(Optional<String> subject) {
            this.subject = subject;
            return this;
        }

        public Builder date(Instant date) {
            this.date = Optional.of(date);
            return this;
        }

        public Builder date(Optional<Instant> date) {
            this.date = date;
            return this;
        }

        public Builder ackRequested(boolean ackRequested) {
            this.ackRequested = ackRequested;
            return this;
        }

        public Builder deliveryReportRequested(boolean deliveryReportRequested) {
            this.deliveryReportRequested = deliveryReportRequested;
            return this;
        }

        public Builder originatorSystem(String originatorSystem) {
            this.originatorSystem = Optional.of(originatorSystem);
            return this;
        }

        public Builder originatorSystem(Optional<String> originatorSystem) {
            this.originatorSystem = originatorSystem;
            return this;
        }

        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /** Adds one media part after those already added. */
        public Builder media(Mm4Part part) {
            this.media.add(Objects.requireNonNull(part, "part"));
            return this;
        }

        /** Replaces the media parts. */
        public Builder media(List<Mm4Part> parts) {
            this.media.clear();
            parts.forEach(this::media);
            return this;
        }

        public Builder smil(Optional<Mm4Part> smil) {
            this.smil = smil;
            return this;
        }

        /**
         * The request.
         *
         * @throws NullPointerException     when transaction id, message id or sender is missing
         * @throws IllegalArgumentException when there is no recipient
         */
        public ForwardRequest build() {
            return new ForwardRequest(
                    version,
                    transactionId,
                    messageId,
                    from,
                    recipients,
                    subject,
                    date,
                    ackRequested,
                    deliveryReportRequested,
                    originatorSystem,
                    text,
                    media,
                    smil);
        }
    }
}
