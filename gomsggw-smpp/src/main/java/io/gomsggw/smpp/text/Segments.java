package io.gomsggw.smpp.text;

import java.util.List;

/**
 * A text split for sending: each part is the complete {@code short_message} (UDH included when
 * {@link #udhi()}).
 *
 * @param dataCoding the data_coding to send (0 GSM 7-bit, 8 UCS-2)
 * @param udhi       whether to set esm_class bit 0x40 (more than one part)
 * @param parts      the short_message octets of each part, in order
 */
public record Segments(int dataCoding, boolean udhi, List<byte[]> parts) {

    /** Copies the list and each array. */
    public Segments {
        parts = parts.stream().map(byte[]::clone).toList();
    }

    /** A copy of the parts. */
    @Override
    public List<byte[]> parts() {
        return parts.stream().map(byte[]::clone).toList();
    }

    /** Number of parts. */
    public int count() {
        return parts.size();
    }
}
