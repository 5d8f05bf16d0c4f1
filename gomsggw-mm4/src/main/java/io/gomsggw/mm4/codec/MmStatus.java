package io.gomsggw.mm4.codec;

import java.util.Locale;
import java.util.Optional;

/**
 * The values of {@code X-Mms-MM-Status-Code} (3GPP TS 23.140) carried by {@code MM4_delivery_report.REQ}:
 * what became of a forwarded message at the recipient's side.
 */
public enum MmStatus {
    EXPIRED("Expired"),
    RETRIEVED("Retrieved"),
    REJECTED("Rejected"),
    DEFERRED("Deferred"),
    UNRECOGNISED("Unrecognised"),
    INDETERMINATE("Indeterminate"),
    FORWARDED("Forwarded"),
    UNREACHABLE("Unreachable");

    private final String wireText;

    MmStatus(String wireText) {
        this.wireText = wireText;
    }

    /** The text written in the header, e.g. {@code Retrieved}. */
    public String wireText() {
        return wireText;
    }

    /**
     * The status whose wire text equals {@code text}, ignoring case and surrounding blanks and quotes;
     * the American spelling {@code Unrecognized} is read as {@link #UNRECOGNISED}.
     */
    public static Optional<MmStatus> fromWire(String text) {
        String t = HeaderValues.unquote(text).toLowerCase(Locale.ROOT);
        if (t.equals("unrecognized")) {
            return Optional.of(UNRECOGNISED);
        }
        for (MmStatus s : values()) {
            if (s.wireText.toLowerCase(Locale.ROOT).equals(t)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
