package io.gomsggw.core.model;

/** The protocol a message entered or leaves the gateway by. */
public enum Protocol {
    SMPP,
    MM4,
    HTTP,
    CARRIER;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Protocol fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
