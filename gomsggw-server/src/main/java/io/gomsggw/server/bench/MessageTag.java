package io.gomsggw.server.bench;

import java.util.OptionalLong;

/**
 * The number {@code bench smpp} puts at the start of every text ({@code "#1234 "}), so the
 * receiving side knows which message a {@code deliver_sm} completes and when it was submitted.
 * Only digits, {@code #} and a space: the same in GSM 03.38 and UCS-2.
 */
final class MessageTag {
    /** The longest tag: {@code #}, 19 digits and a space. */
    static final int MAX_LENGTH = 21;

    private MessageTag() {}

    /** The tag of message {@code id} (not negative). */
    static String of(long id) {
        if (id < 0) {
            throw new IllegalArgumentException("id must not be negative");
        }
        return "#" + id + " ";
    }

    /** The id of a text that starts with a tag; empty for any other text. */
    static OptionalLong idOf(String text) {
        int end = text.indexOf(' ');
        if (!text.startsWith("#") || end < 2 || end > MAX_LENGTH - 1) {
            return OptionalLong.empty();
        }
        long id = 0;
        for (int i = 1; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            id = id * 10 + (c - '0');
            if (id < 0) {
                return OptionalLong.empty(); // overflow
            }
        }
        return OptionalLong.of(id);
    }
}
