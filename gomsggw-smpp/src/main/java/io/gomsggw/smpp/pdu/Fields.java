package io.gomsggw.smpp.pdu;

/** Validation of mandatory field values shared by the records' constructors. Not public API. */
final class Fields {
    /** Maximum octet counts of C-octet strings, including the terminating NUL (spec 4.x). */
    static final int SYSTEM_ID = 16;
    /**
     * A bind's {@code system_id} and {@code password}: up to 64 octets each, beyond SMPP 3.4's 16
     * and 9, because the Go gateway accepts longer ones and PBXs configured for it send them.
     */
    static final int BIND_CREDENTIAL = 65;

    static final int SYSTEM_TYPE = 13;
    static final int ADDRESS_RANGE = 41;
    static final int ADDRESS = 21;
    static final int SERVICE_TYPE = 6;
    static final int TIME = 17;
    static final int MESSAGE_ID = 65;

    private Fields() {}

    /**
     * Checks that {@code value} is a valid C-octet string of at most {@code max} octets including
     * the NUL: Latin-1 characters only (one octet each), no NUL inside.
     */
    static String cString(String name, String value, int max) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null (use \"\")");
        }
        if (value.length() > max - 1) {
            throw new IllegalArgumentException(name + " longer than " + (max - 1) + " octets");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == 0 || c > 0xFF) {
                throw new IllegalArgumentException(name + " has a character that is not one octet");
            }
        }
        return value;
    }

    /** Checks an unsigned 8-bit field. */
    static int u8(String name, int value) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(name + " out of range 0..255: " + value);
        }
        return value;
    }
}
