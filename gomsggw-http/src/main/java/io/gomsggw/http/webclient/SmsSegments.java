package io.gomsggw.http.webclient;

/**
 * How many SMS segments a text takes on the network, as Go's history counts them: GSM 03.38 when
 * every character is in its alphabet (160 septets, 153 per segment of a longer text, extension
 * characters taking two), else UCS-2 (70 characters, 67 per segment). An empty text is one segment.
 */
final class SmsSegments {
    private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001BÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "\f^{}\\[~]|€";

    private SmsSegments() {}

    static int count(String text) {
        int septets = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (BASIC.indexOf(c) >= 0) {
                septets++;
            } else if (EXTENSION.indexOf(c) >= 0) {
                septets += 2;
            } else {
                return segments(text.length(), 70, 67);
            }
        }
        return segments(septets, 160, 153);
    }

    private static int segments(int units, int single, int perSegment) {
        return units <= single ? 1 : (units + perSegment - 1) / perSegment;
    }
}
