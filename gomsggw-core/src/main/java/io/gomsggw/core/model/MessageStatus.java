package io.gomsggw.core.model;

/**
 * Life cycle of a message record: {@code queued → dispatching → sent → delivered | failed}.
 * {@code DELIVERED} and {@code FAILED} are final; a final message is never resumed after a restart.
 */
public enum MessageStatus {
    QUEUED,
    DISPATCHING,
    SENT,
    DELIVERED,
    FAILED;

    public boolean isFinal() {
        return this == DELIVERED || this == FAILED;
    }

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static MessageStatus fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
