package io.gomsggw.smpp.charset;

/**
 * A text coding of SMPP user data. Implementations are stateless and thread-safe; encoding
 * replaces characters the coding cannot carry with {@code ?}, decoding never fails.
 */
public interface TextCodec {
    /** The {@code data_coding} value that announces this coding (0 for GSM 7-bit). */
    int dataCoding();

    /** Whether {@code text} encodes without replacement. */
    boolean canEncode(CharSequence text);

    /** Encodes {@code text}. */
    byte[] encode(CharSequence text);

    /** Decodes {@code bytes}. */
    String decode(byte[] bytes);
}
