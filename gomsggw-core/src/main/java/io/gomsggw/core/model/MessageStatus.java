package io.gomsggw.core.model;

/**
 * Life cycle of a message record: {@code queued → dispatching → sent → delivered | failed}, and
 * {@code undelivered} for a message to a client that could not be reached within its delivery
 * window. {@code DELIVERED}, {@code FAILED} and {@code UNDELIVERED} are final; a final message is
 * never resumed after a restart. {@code FAILED} means refused (by a peer, a rule, the media);
 * {@code UNDELIVERED} means given up after retrying, and such a message may be redelivered.
 */
public enum MessageStatus {
    QUEUED,
    DISPATCHING,
    SENT,
    DELIVERED,
    FAILED,
    UNDELIVERED;

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED || this == UNDELIVERED;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MessageStatus fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
