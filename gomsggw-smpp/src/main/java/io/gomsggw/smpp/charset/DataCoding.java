package io.gomsggw.smpp.charset;

import java.util.Optional;

/**
 * Maps an SMPP {@code data_coding} octet to the {@link TextCodec} that reads it, and picks the
 * coding for outgoing text. Value 0 ("SMSC default alphabet") means GSM 03.38 unless the client
 * is configured for Latin-1 ({@link #latin1Default()}). Binary codings (2, 4 and the 8-bit
 * data groups) have no codec: their octets pass through untouched.
 *
 * <p>Also understands the GSM 03.38 coding groups: 0x10–0x3F general data coding (alphabet in
 * bits 3–2), 0xC0–0xDF message waiting (GSM 7-bit), 0xE0–0xEF (UCS-2) and 0xF0–0xFF (bit 2 set
 * means 8-bit data). Immutable.
 *
 * @param latin1Default whether data_coding 0 is read and written as Latin-1 for this client
 */
public record DataCoding(boolean latin1Default) {

    /** The usual mapping: data_coding 0 is GSM 03.38. */
    public static final DataCoding STANDARD = new DataCoding(false);

    /** What a data_coding value announces. */
    public enum Kind {
        /** GSM 7-bit. */
        GSM7,
        /** IA5 / ASCII. */
        IA5,
        /** ISO-8859-1. */
        LATIN1,
        /** UCS-2 / UTF-16BE. */
        UCS2,
        /** Octets to pass through unchanged. */
        BINARY,
        /** A coding this gateway does not convert (JIS, Cyrillic, Hebrew, …): pass through. */
        UNSUPPORTED
    }

    /** Classifies a data_coding value (ignoring the per-client Latin-1 option). */
    public static Kind kindOf(int dataCoding) {
        int dc = dataCoding & 0xFF;
        if (dc < 0x10) {
            return switch (dc) {
                case 0 -> Kind.GSM7;
                case 1 -> Kind.IA5;
                case 2, 4 -> Kind.BINARY;
                case 3 -> Kind.LATIN1;
                case 8 -> Kind.UCS2;
                default -> Kind.UNSUPPORTED;
            };
        }
        if (dc < 0x40) {
            if ((dc & 0x20) != 0) {
                return Kind.UNSUPPORTED; // compressed text
            }
            return switch ((dc >> 2) & 0x03) {
                case 0 -> Kind.GSM7;
                case 1 -> Kind.BINARY;
                case 2 -> Kind.UCS2;
                default -> Kind.UNSUPPORTED;
            };
        }
        if (dc >= 0xC0 && dc < 0xE0) {
            return Kind.GSM7;
        }
        if (dc >= 0xE0 && dc < 0xF0) {
            return Kind.UCS2;
        }
        if (dc >= 0xF0) {
            return (dc & 0x04) != 0 ? Kind.BINARY : Kind.GSM7;
        }
        return Kind.UNSUPPORTED;
    }

    /** The codec for {@code dataCoding}, or empty for binary and unsupported codings. */
    public Optional<TextCodec> codecFor(int dataCoding) {
        if ((dataCoding & 0xFF) == 0 && latin1Default) {
            return Optional.of(TextCodecs.LATIN1);
        }
        return switch (kindOf(dataCoding)) {
            case GSM7 -> Optional.of(TextCodecs.GSM7);
            case IA5 -> Optional.of(TextCodecs.IA5);
            case LATIN1 -> Optional.of(TextCodecs.LATIN1);
            case UCS2 -> Optional.of(TextCodecs.UCS2);
            case BINARY, UNSUPPORTED -> Optional.empty();
        };
    }

    /** Whether the user data of {@code dataCoding} is text this class can decode. */
    public boolean isText(int dataCoding) {
        return codecFor(dataCoding).isPresent();
    }

    /**
     * The codec for outgoing {@code text}: the default alphabet (GSM 7-bit, or Latin-1 when so
     * configured) whenever every character fits, else UCS-2.
     */
    public TextCodec codecForText(CharSequence text) {
        TextCodec preferred = latin1Default ? TextCodecs.LATIN1 : TextCodecs.GSM7;
        return preferred.canEncode(text) ? preferred : TextCodecs.UCS2;
    }
}
