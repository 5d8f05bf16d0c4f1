package io.gomsggw.mm4.codec;

import java.util.Locale;
import java.util.Optional;

/** The values of {@code X-Mms-Message-Type} this codec reads and writes, with their wire texts. */
public enum Mm4MessageType {
    FORWARD_REQ("MM4_forward.REQ"),
    FORWARD_RES("MM4_forward.RES"),
    DELIVERY_REPORT_REQ("MM4_delivery_report.REQ"),
    DELIVERY_REPORT_RES("MM4_delivery_report.RES");

    private final String wireText;

    Mm4MessageType(String wireText) {
        this.wireText = wireText;
    }

    /** The text written in the header, e.g. {@code MM4_forward.REQ}. */
    public String wireText() {
        return wireText;
    }

    /**
     * The type whose wire text equals {@code text}, ignoring case and surrounding blanks and quotes; empty
     * for the MM4 types this codec does not handle (read-reply reports, MM4_forward of other relays'
     * extensions) and for anything else.
     */
    public static Optional<Mm4MessageType> fromWire(String text) {
        String t = HeaderValues.unquote(text).toLowerCase(Locale.ROOT);
        for (Mm4MessageType m : values()) {
            if (m.wireText.toLowerCase(Locale.ROOT).equals(t)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
