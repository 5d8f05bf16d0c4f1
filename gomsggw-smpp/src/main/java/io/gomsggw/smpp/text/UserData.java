package io.gomsggw.smpp.text;

import java.util.Optional;

/**
 * User data split into its header and payload.
 *
 * @param udhLength octets of the header including the UDHL octet (0 without a header)
 * @param concat    the concatenation element, if any (IEI 0x00 or 0x08)
 * @param payload   the octets after the header
 */
public record UserData(int udhLength, Optional<ConcatInfo> concat, byte[] payload) {

    /** Copies the payload. */
    public UserData {
        payload = payload.clone();
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }
}
