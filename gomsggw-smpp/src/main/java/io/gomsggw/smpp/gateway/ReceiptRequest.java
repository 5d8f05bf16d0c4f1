package io.gomsggw.smpp.gateway;

import io.gomsggw.core.model.MessageStatus;

/**
 * Which delivery receipt the ESME asked for with {@code registered_delivery} (its low two bits),
 * kept on the message record as its external reference ({@code smpp:registered_delivery=N}) so a
 * receipt is still sent for a message that turns final after a restart.
 */
enum ReceiptRequest {
    NONE,
    ON_FINAL,
    ON_FAILURE,
    ON_SUCCESS;

    private static final String PREFIX = "smpp:registered_delivery=";

    static ReceiptRequest of(int registeredDelivery) {
        return values()[registeredDelivery & 0x03];
    }

    /** The request read back from a message's external reference; {@link #NONE} for anything else. */
    static ReceiptRequest fromReference(String externalRef) {
        if (externalRef == null || !externalRef.startsWith(PREFIX) || externalRef.length() != PREFIX.length() + 1) {
            return NONE;
        }
        int value = externalRef.charAt(PREFIX.length()) - '0';
        return value >= 0 && value <= 3 ? values()[value] : NONE;
    }

    /** The external reference that records this request; null for {@link #NONE}. */
    // the digit is the registered_delivery value 0-3 in declaration order; fromReference reads it back
    @SuppressWarnings("EnumOrdinal")
    String reference() {
        return this == NONE ? null : PREFIX + ordinal();
    }

    /** Whether a message that turned {@code status} gets a receipt. */
    boolean wants(MessageStatus status) {
        return switch (this) {
            case NONE -> false;
            case ON_FINAL -> status.isFinal();
            case ON_FAILURE -> status == MessageStatus.FAILED || status == MessageStatus.UNDELIVERED;
            case ON_SUCCESS -> status == MessageStatus.DELIVERED;
        };
    }
}
