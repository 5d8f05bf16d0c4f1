package io.gomsggw.core.model;

/** Kind of a message: plain text (SMS) or text with media (MMS). */
public enum MessageType {
    SMS,
    MMS;

    /** Lower-case wire name used in JSON and the database ({@code "sms"}, {@code "mms"}). */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses a wire name case-insensitively; throws {@link IllegalArgumentException} for anything else. */
    public static MessageType fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
