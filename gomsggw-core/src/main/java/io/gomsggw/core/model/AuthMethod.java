package io.gomsggw.core.model;

/** How a web client authenticates: HTTP Basic, or {@code Bearer base64(username:password)}. */
public enum AuthMethod {
    BASIC,
    BEARER;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static AuthMethod fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
