package io.gomsggw.mm4.codec;

/**
 * Bounds that {@link Mm4Parser} enforces, so hostile input is refused early and without unbounded
 * allocation. Exceeding any of them is a {@link Mm4FormatException}.
 *
 * @param maxParts         the most MIME body parts, all nesting levels together
 * @param maxDepth         the deepest nesting of multiparts (the top-level multipart is depth 1)
 * @param maxHeaderBytes   the largest header block of the message
 * @param maxDecodedBytes  the most bytes all parts decode to together (text and media)
 * @param maxMessageBytes  the largest message read from a stream that is not a
 *                         {@link jakarta.mail.internet.SharedInputStream} (such input is copied to memory first)
 */
public record Mm4Limits(int maxParts, int maxDepth, int maxHeaderBytes, long maxDecodedBytes, long maxMessageBytes) {
    /** 64 parts, depth 8, 64 KiB of headers, 32 MiB decoded, 48 MiB raw. */
    public static final Mm4Limits DEFAULTS = new Mm4Limits(64, 8, 64 * 1024, 32L * 1024 * 1024, 48L * 1024 * 1024);

    public Mm4Limits {
        if (maxParts < 1 || maxDepth < 1 || maxHeaderBytes < 1024 || maxDecodedBytes < 1 || maxMessageBytes < 1) {
            throw new IllegalArgumentException("limits must be positive (headers at least 1024 bytes)");
        }
    }
}
