package io.gomsggw.smpp.text;

/**
 * Which part of a concatenated message this is.
 *
 * @param reference the message reference, 0..255 for 8-bit, 0..65535 for 16-bit
 * @param total     the number of parts, 1..255
 * @param seqnum    this part's number, 1..total
 */
public record ConcatInfo(int reference, int total, int seqnum) {

    /** Validates the ranges. */
    public ConcatInfo {
        if (reference < 0 || reference > 0xFFFF || total < 1 || total > 255 || seqnum < 1 || seqnum > total) {
            throw new IllegalArgumentException("invalid concatenation info " + reference + "/" + total + "/" + seqnum);
        }
    }
}
