package io.gomsggw.mm4.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Streaming checks on raw bytes done before Jakarta Mail builds objects from them, so hostile input
 * (a header block without end, a multipart with a million parts) is refused before it is allocated.
 */
final class BoundaryScan {
    private BoundaryScan() {}

    /**
     * Whether the header block (up to the first empty line, or to the end of input when there is none) fits
     * in {@code maxBytes}.
     */
    static boolean headerBlockFits(InputStream in, int maxBytes) throws IOException {
        int read = 0;
        int prev = -1;
        int prev2 = -1;
        int b;
        while ((b = in.read()) != -1) {
            if (++read > maxBytes) {
                return false;
            }
            if (b == '\n' && (prev == '\n' || (prev == '\r' && prev2 == '\n'))
                    || b == '\n' && read == 1
                    || b == '\n' && read == 2 && prev == '\r') {
                return true;
            }
            prev2 = prev;
            prev = b;
        }
        return true;
    }

    /**
     * Counts the lines that start with {@code "--" + boundary} (with a null boundary: every line starting
     * with {@code "--"}), stopping as soon as there are more than {@code max}.
     *
     * @return the count, or {@code max + 1} when there are more than {@code max}
     */
    static int delimiterLines(InputStream in, String boundary, int max) throws IOException {
        byte[] marker = ("--" + (boundary == null ? "" : boundary)).getBytes(StandardCharsets.ISO_8859_1);
        int count = 0;
        int matched = 0;
        boolean atLineStart = true;
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) != -1) {
            for (int i = 0; i < n; i++) {
                byte b = buf[i];
                if (atLineStart || matched > 0) {
                    if (b == marker[matched]) {
                        atLineStart = false;
                        if (++matched == marker.length) {
                            matched = 0;
                            if (++count > max) {
                                return count;
                            }
                        }
                        continue;
                    }
                    matched = 0;
                    atLineStart = false;
                }
                if (b == '\n') {
                    atLineStart = true;
                }
            }
        }
        return count;
    }
}
