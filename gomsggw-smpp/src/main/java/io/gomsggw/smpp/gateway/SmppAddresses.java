package io.gomsggw.smpp.gateway;

import io.gomsggw.smpp.pdu.Address;

/** Phone numbers between the gateway's E.164 form and SMPP addresses. */
final class SmppAddresses {
    private static final int TON_INTERNATIONAL = 1;

    private SmppAddresses() {}

    /**
     * The number as the router should read it: an international address (TON 1) written without
     * {@code +} gets one, so {@code 447911123456} is not read in the default region; anything else is
     * left to the router's normalization with {@code DEFAULT_REGION}.
     */
    static String toNumber(Address address) {
        String digits = address.address().strip();
        if (address.ton() == TON_INTERNATIONAL && !digits.startsWith("+") && !digits.isEmpty()) {
            return "+" + digits;
        }
        return digits;
    }

    /** An E.164 number ({@code +12505551234}) as an international SMPP address ({@code 12505551234}, TON 1, NPI 1). */
    static Address fromE164(String e164) {
        return Address.international(e164.startsWith("+") ? e164.substring(1) : e164);
    }
}
