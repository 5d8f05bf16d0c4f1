package io.gomsggw.smpp.text;

import java.util.Arrays;
import java.util.Optional;

/**
 * User Data Header (3GPP TS 23.040 9.2.3.24): parsing of the concatenation elements
 * (IEI 0x00, 8-bit reference; IEI 0x08, 16-bit reference; other elements skipped) and writing of
 * concatenation headers.
 */
public final class Udh {
    /** IEI of concatenated short messages with an 8-bit reference. */
    public static final int IEI_CONCAT_8 = 0x00;
    /** IEI of concatenated short messages with a 16-bit reference. */
    public static final int IEI_CONCAT_16 = 0x08;
    /** Length of an 8-bit-reference concatenation UDH including UDHL. */
    public static final int CONCAT_8_LENGTH = 6;
    /** Length of a 16-bit-reference concatenation UDH including UDHL. */
    public static final int CONCAT_16_LENGTH = 7;

    private Udh() {}

    /** Splits user data that starts with a UDH (esm_class bit 0x40 set). */
    public static UserData parse(byte[] userData) throws UdhException {
        if (userData.length == 0) {
            throw new UdhException("UDH indicated but user data is empty");
        }
        int udhl = userData[0] & 0xFF;
        if (udhl + 1 > userData.length) {
            throw new UdhException("UDHL " + udhl + " exceeds the user data");
        }
        Optional<ConcatInfo> concat = Optional.empty();
        int pos = 1;
        int end = 1 + udhl;
        while (pos < end) {
            if (pos + 2 > end) {
                throw new UdhException("truncated information element");
            }
            int iei = userData[pos] & 0xFF;
            int len = userData[pos + 1] & 0xFF;
            int data = pos + 2;
            if (data + len > end) {
                throw new UdhException("information element 0x" + Integer.toHexString(iei) + " exceeds the UDH");
            }
            if (iei == IEI_CONCAT_8 && len == 3) {
                concat = Optional.of(concat(userData[data] & 0xFF, userData[data + 1], userData[data + 2]));
            } else if (iei == IEI_CONCAT_16 && len == 4) {
                int ref = (userData[data] & 0xFF) << 8 | userData[data + 1] & 0xFF;
                concat = Optional.of(concat(ref, userData[data + 2], userData[data + 3]));
            }
            pos = data + len;
        }
        return new UserData(end, concat, Arrays.copyOfRange(userData, end, userData.length));
    }

    private static ConcatInfo concat(int ref, byte total, byte seq) throws UdhException {
        int t = total & 0xFF;
        int s = seq & 0xFF;
        if (t == 0 || s == 0 || s > t) {
            throw new UdhException("invalid part " + s + " of " + t);
        }
        return new ConcatInfo(ref, t, s);
    }

    /** The 6-octet header {@code 05 00 03 ref total seq}. */
    public static byte[] concat8(int reference, int total, int seqnum) {
        new ConcatInfo(reference & 0xFF, total, seqnum);
        return new byte[] {5, IEI_CONCAT_8, 3, (byte) reference, (byte) total, (byte) seqnum};
    }

    /** The 7-octet header {@code 06 08 04 refHi refLo total seq}. */
    public static byte[] concat16(int reference, int total, int seqnum) {
        new ConcatInfo(reference & 0xFFFF, total, seqnum);
        return new byte[] {6, IEI_CONCAT_16, 4, (byte) (reference >>> 8), (byte) reference, (byte) total, (byte) seqnum
        };
    }

    /** Fill bits needed after a UDH of {@code udhLength} octets to align GSM septets. */
    public static int fillBits(int udhLength) {
        return (7 - (udhLength * 8) % 7) % 7;
    }
}
