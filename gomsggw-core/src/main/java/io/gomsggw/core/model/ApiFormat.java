package io.gomsggw.core.model;

/** The JSON dialect a web client sends and receives. */
public enum ApiFormat {
    GENERIC,
    BICOM,
    TELNYX;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ApiFormat fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
