package io.gomsggw.http;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import java.io.ByteArrayOutputStream;

/**
 * The base64 that request bodies carry media in: the standard alphabet ({@code +/}) or the
 * URL-safe one ({@code -_}), padding optional, whitespace allowed between groups of four
 * characters (where line-wrapping tools put it). Decoded by Jackson, straight from the JSON
 * parser's input or from a string, so the encoded text is never copied first.
 */
final class Base64Text {
    static final Base64Variant STANDARD =
            Base64Variants.MIME_NO_LINEFEEDS.withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);
    // Built from its alphabet: a variant derived from MODIFIED_FOR_URL would not know '=' as padding.
    static final Base64Variant URL_SAFE = new Base64Variant(
                    "URL-SAFE",
                    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
                    true,
                    '=',
                    Integer.MAX_VALUE)
            .withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);

    /**
     * What a quoted JSON string holds, seen in its raw bytes: which alphabet, and how many bytes it
     * decodes to (exact for valid base64 without escapes).
     */
    record Shape(Base64Variant variant, int decodedLength) {}

    private Base64Text() {}

    /**
     * The shape of the JSON string whose opening quote is at {@code quote} in {@code json}; the
     * standard alphabet and an unknown length when there is no string there.
     */
    static Shape scan(byte[] json, long quote) {
        if (quote < 0 || quote >= json.length || json[(int) quote] != '"') {
            return new Shape(STANDARD, 0);
        }
        long symbols = 0;
        boolean urlSafe = false;
        for (int i = (int) quote + 1; i < json.length; i++) {
            byte b = json[i];
            if (b == '"') {
                break;
            }
            if (b == '\\') {
                i++;
            } else if (b == '-' || b == '_') {
                urlSafe = true;
                symbols++;
            } else if (b != '=' && b > ' ') {
                symbols++;
            }
        }
        return new Shape(urlSafe ? URL_SAFE : STANDARD, (int) Math.min(Integer.MAX_VALUE - 8, symbols * 6 / 8));
    }

    /** The alphabet of {@code text}: URL-safe when it has {@code -} or {@code _}. */
    static Base64Variant variantOf(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '-' || c == '_') {
                return URL_SAFE;
            }
        }
        return STANDARD;
    }

    /**
     * {@code text} decoded.
     *
     * @throws IllegalArgumentException when it is not base64
     */
    static byte[] decode(String text) {
        return variantOf(text).decode(text);
    }

    /** Collects decoded bytes in an array of the expected size, returned without a copy when it came out exact. */
    static final class Sink extends ByteArrayOutputStream {
        Sink(int expectedLength) {
            super(expectedLength);
        }

        byte[] bytes() {
            return count == buf.length ? buf : toByteArray();
        }
    }
}
