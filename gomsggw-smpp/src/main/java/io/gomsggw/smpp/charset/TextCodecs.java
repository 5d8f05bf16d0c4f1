package io.gomsggw.smpp.charset;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The text codings the gateway speaks, as immutable {@link TextCodec} constants. */
public final class TextCodecs {
    /** GSM 03.38 default alphabet, unpacked (one septet per octet), data_coding 0. */
    public static final TextCodec GSM7 = new TextCodec() {
        @Override
        public int dataCoding() {
            return 0;
        }

        @Override
        public boolean canEncode(CharSequence text) {
            return Gsm7.canEncode(text);
        }

        @Override
        public byte[] encode(CharSequence text) {
            return Gsm7.encodeUnpacked(text);
        }

        @Override
        public String decode(byte[] bytes) {
            return Gsm7.decodeUnpacked(bytes);
        }

        @Override
        public String toString() {
            return "GSM7";
        }
    };
    /** IA5 / US-ASCII, data_coding 1. */
    public static final TextCodec IA5 = new JdkCodec(StandardCharsets.US_ASCII, 1);
    /** ISO-8859-1, data_coding 3. */
    public static final TextCodec LATIN1 = new JdkCodec(StandardCharsets.ISO_8859_1, 3);
    /** UCS-2 read and written as UTF-16BE (surrogate pairs survive), data_coding 8. */
    public static final TextCodec UCS2 = new JdkCodec(StandardCharsets.UTF_16BE, 8);

    private TextCodecs() {}

    /** A JDK charset as a TextCodec, replacing what it cannot encode with {@code ?}. */
    private static final class JdkCodec implements TextCodec {
        private final Charset charset;
        private final int dataCoding;

        JdkCodec(Charset charset, int dataCoding) {
            this.charset = charset;
            this.dataCoding = dataCoding;
        }

        @Override
        public int dataCoding() {
            return dataCoding;
        }

        @Override
        public boolean canEncode(CharSequence text) {
            return charset.newEncoder().canEncode(text);
        }

        @Override
        public byte[] encode(CharSequence text) {
            CharsetEncoder enc = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE);
            if (enc.isLegalReplacement(new byte[] {'?'})) {
                enc.replaceWith(new byte[] {'?'});
            }
            try {
                ByteBuffer b = enc.encode(CharBuffer.wrap(text));
                byte[] out = new byte[b.remaining()];
                b.get(out);
                return out;
            } catch (CharacterCodingException e) {
                throw new IllegalStateException("unreachable with REPLACE", e);
            }
        }

        @Override
        public String decode(byte[] bytes) {
            if (dataCoding == 1) {
                // IA5 is 7-bit: ignore a stray high bit rather than lose the character
                byte[] seven = bytes.clone();
                for (int i = 0; i < seven.length; i++) {
                    seven[i] &= 0x7F;
                }
                return new String(seven, charset);
            }
            return new String(bytes, charset);
        }

        @Override
        public String toString() {
            return charset.name();
        }
    }
}
