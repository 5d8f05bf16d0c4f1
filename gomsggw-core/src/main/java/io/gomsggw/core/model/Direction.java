package io.gomsggw.core.model;

/**
 * Direction of a message as seen from the gateway's clients: {@code OUTBOUND} is sent by a client
 * (toward a carrier or another client), {@code INBOUND} arrives from a carrier for a client.
 */
public enum Direction {
    INBOUND,
    OUTBOUND;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Direction fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
