package io.gomsggw.core.model;

/** {@code LEGACY} clients speak SMPP or MM4 and are identified by their address; {@code WEB} clients use the REST API. */
public enum ClientType {
    LEGACY,
    WEB;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ClientType fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
