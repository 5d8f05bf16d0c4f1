package io.gomsggw.mm4.codec;

import java.util.Locale;
import java.util.Optional;

/**
 * The values of {@code X-Mms-Request-Status-Code} (3GPP TS 23.140) carried by {@code MM4_forward.RES} and
 * {@code MM4_delivery_report.RES}, with their wire texts.
 */
public enum RequestStatus {
    OK("Ok"),
    ERROR_UNSPECIFIED("Error-unspecified"),
    ERROR_SERVICE_DENIED("Error-service-denied"),
    ERROR_MESSAGE_FORMAT_CORRUPT("Error-message-format-corrupt"),
    ERROR_SENDING_ADDRESS_UNRESOLVED("Error-sending-address-unresolved"),
    ERROR_MESSAGE_NOT_FOUND("Error-message-not-found"),
    ERROR_NETWORK_PROBLEM("Error-network-problem"),
    ERROR_CONTENT_NOT_ACCEPTED("Error-content-not-accepted"),
    ERROR_UNSUPPORTED_MESSAGE("Error-unsupported-message");

    private final String wireText;

    RequestStatus(String wireText) {
        this.wireText = wireText;
    }

    /** The text written in the header, e.g. {@code Error-service-denied}. */
    public String wireText() {
        return wireText;
    }

    /** Whether this is {@link #OK}. */
    public boolean isOk() {
        return this == OK;
    }

    /** The status whose wire text equals {@code text}, ignoring case and surrounding blanks and quotes. */
    public static Optional<RequestStatus> fromWire(String text) {
        String t = HeaderValues.unquote(text).toLowerCase(Locale.ROOT);
        for (RequestStatus s : values()) {
            if (s.wireText.toLowerCase(Locale.ROOT).equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
