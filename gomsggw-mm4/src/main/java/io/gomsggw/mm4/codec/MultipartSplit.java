package io.gomsggw.mm4.codec;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits the body of a multipart held in memory into its parts in one pass over the bytes, for the
 * well-formed case a PBX writes: delimiters on lines of their own, {@code CRLF} line ends around them,
 * a header block ending in an empty line in each part, and a close delimiter.
 *
 * <p>Why: Jakarta Mail's {@code MimeMultipart} reads its input byte by byte through a synchronized stream and
 * copies every part, which cost more CPU per MMS than the rest of the gateway together. Anything this class
 * is not sure to read as Jakarta Mail does (the boundary text at the start of a line that a bare {@code LF} or
 * {@code CR} began, a delimiter line with more after it, a bare {@code LF} in a header block, a part without an empty
 * line, no close delimiter) gives {@code null}, and the caller reads that multipart with Jakarta Mail, so the
 * two never disagree on a body this class accepts ({@code MultipartSplitTest} compares them).
 */
final class MultipartSplit {
    /**
     * One body part, as indexes into the array: its header block {@code [headerStart, headerEnd)} (each
     * header line with its {@code CRLF}, without the empty line) and its content {@code [contentStart,
     * contentEnd)} (without the {@code CRLF} before the next delimiter, which belongs to the delimiter).
     */
    record Part(int headerStart, int headerEnd, int contentStart, int contentEnd) {}

    /** More than the allowed number of delimiter lines. */
    static final class TooManyParts extends Exception {
        private static final long serialVersionUID = 1L;

        TooManyParts() {
            super(null, null, false, false);
        }
    }

    private MultipartSplit() {}

    /**
     * The parts of the multipart whose content (after its header block) is {@code data[from, to)}, or null
     * when Jakarta Mail must read it.
     *
     * @param maxDelimiters the most delimiter lines (close delimiter included) to accept
     * @throws TooManyParts when there are more delimiter lines than {@code maxDelimiters}
     */
    static List<Part> split(byte[] data, int from, int to, String boundary, int maxDelimiters) throws TooManyParts {
        if (boundary == null || boundary.isEmpty()) {
            return null;
        }
        byte[] marker = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        List<Part> parts = new ArrayList<>();
        int delimiters = 0;
        int partStart = -1; // where the current part begins, -1 in the preamble
        int at = indexOf(data, marker, from, to);
        while (at >= 0) {
            if (at > from && (at < from + 2 || data[at - 2] != '\r' || data[at - 1] != '\n')) {
                byte before = data[at - 1];
                if (before == '\n' || before == '\r') {
                    return null; // at the start of a line that a bare LF or CR began
                }
                at = indexOf(data, marker, at + 1, to); // inside a line: content, as for Jakarta Mail
                continue;
            }
            if (++delimiters > maxDelimiters) {
                throw new TooManyParts();
            }
            int after = at + marker.length;
            boolean close = after + 1 < to && data[after] == '-' && data[after + 1] == '-';
            if (close) {
                after += 2;
            }
            while (after < to && (data[after] == ' ' || data[after] == '\t')) {
                after++;
            }
            boolean lineEnds = after + 1 < to && data[after] == '\r' && data[after + 1] == '\n';
            if (!lineEnds && !(close && after == to)) {
                return null; // more on the delimiter line, or a delimiter that ends the data
            }
            if (partStart >= 0) {
                Part part = part(data, partStart, at - 2);
                if (part == null) {
                    return null;
                }
                parts.add(part);
            }
            if (close) {
                return parts.isEmpty() ? null : parts; // Jakarta Mail: "Missing start boundary"
            }
            partStart = after + 2;
            at = indexOf(data, marker, partStart, to);
        }
        return null; // no close delimiter
    }

    /** The part in {@code [start, end)}, or null when its header block is not plainly delimited. */
    private static Part part(byte[] data, int start, int end) {
        if (end < start) {
            return null;
        }
        if (end - start >= 2 && data[start] == '\r' && data[start + 1] == '\n') {
            return new Part(start, start, start + 2, end);
        }
        for (int i = start; i + 3 < end; i++) {
            byte b = data[i];
            if (b == '\n' && (i == start || data[i - 1] != '\r') || b == '\r' && data[i + 1] != '\n') {
                return null; // a bare LF or CR: Jakarta Mail ends a header line there too
            }
            if (b == '\r' && data[i + 2] == '\r' && data[i + 3] == '\n') {
                return new Part(start, i + 2, i + 4, end);
            }
        }
        return null; // no empty line
    }

    /**
     * The first index of {@code marker} in {@code data[from, to)}, or -1 (Boyer-Moore-Horspool: a boundary of
     * a few dozen characters skips most bytes unread).
     */
    static int indexOf(byte[] data, byte[] marker, int from, int to) {
        int m = marker.length;
        int[] shift = new int[256];
        java.util.Arrays.fill(shift, m);
        for (int i = 0; i < m - 1; i++) {
            shift[marker[i] & 0xff] = m - 1 - i;
        }
        int i = Math.max(from, 0);
        int last = to - m;
        while (i <= last) {
            int j = m - 1;
            while (j >= 0 && data[i + j] == marker[j]) {
                j--;
            }
            if (j < 0) {
                return i;
            }
            i += shift[data[i + m - 1] & 0xff];
        }
        return -1;
    }
}
