package io.gomsggw.core.phone;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber;
import java.util.Locale;
import java.util.Objects;

/**
 * Normalizes phone numbers written in any common notation to E.164 with a plus
 * ({@code +12505551234}), using libphonenumber. Numbers without a country code are read in the
 * default region ({@code DEFAULT_REGION}, {@code US} unless configured).
 *
 * <p>Only digits and the usual punctuation ({@code + - . ( ) /} and spaces) are accepted: letters
 * are refused rather than read as a vanity number. A number must have a possible length for its
 * country; whether it is assigned is for the carrier to say. Thread-safe.
 *
 * <p>A number already written in E.164 ({@code +} and digits only) is kept as written once it
 * passes those checks. libphonenumber would otherwise strip what looks like a trunk prefix after
 * the country code ({@code +4300000} becomes {@code +430000}, and that again {@code +43000}), so
 * normalizing its own output would change it: a stored number must read back as itself. Written
 * with punctuation, {@code +44 (0)20 7946 0958} still loses its trunk {@code 0}.
 *
 * <p>Parsing costs tens of microseconds and a gateway sees the same numbers again and again (its
 * clients' numbers, their regular correspondents), so the last {@value #CACHED_NUMBERS} numbers
 * read are remembered in their written form.
 */
public final class PhoneNumbers {
    private static final int MAX_INPUT_LENGTH = 64;
    private static final int CACHED_NUMBERS = 50_000;

    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final String defaultRegion;
    private final Cache<String, String> normalized =
            Caffeine.newBuilder().maximumSize(CACHED_NUMBERS).build();

    /** @param defaultRegion an ISO 3166 two-letter region code, e.g. {@code US} */
    public PhoneNumbers(String defaultRegion) {
        Objects.requireNonNull(defaultRegion, "defaultRegion");
        String region = defaultRegion.trim().toUpperCase(Locale.ROOT);
        if (!util.getSupportedRegions().contains(region)) {
            throw new IllegalArgumentException("unknown region code: " + defaultRegion);
        }
        this.defaultRegion = region;
    }

    public String defaultRegion() {
        return defaultRegion;
    }

    /**
     * Returns {@code raw} in E.164 with a leading plus.
     *
     * @throws InvalidPhoneNumberException when it is empty, has characters other than digits and
     *                                     punctuation, or has an impossible length for its country
     */
    public String normalize(String raw) throws InvalidPhoneNumberException {
        if (raw == null || raw.isBlank()) {
            throw new InvalidPhoneNumberException(raw, "phone number is empty");
        }
        String text = raw.strip();
        String known = normalized.getIfPresent(text);
        if (known != null) {
            return known;
        }
        String e164 = parse(raw, text);
        normalized.put(text, e164);
        return e164;
    }

    private String parse(String raw, String text) throws InvalidPhoneNumberException {
        if (text.length() > MAX_INPUT_LENGTH) {
            throw new InvalidPhoneNumberException(raw, "phone number is too long");
        }
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (!(c == '+' && i == 0) && " -.()/".indexOf(c) < 0) {
                throw new InvalidPhoneNumberException(raw, "phone number has an invalid character '" + c + "'");
            }
        }
        if (digits == 0) {
            throw new InvalidPhoneNumberException(raw, "phone number has no digits");
        }
        Phonenumber.PhoneNumber parsed;
        try {
            parsed = util.parse(text, defaultRegion);
        } catch (NumberParseException e) {
            throw new InvalidPhoneNumberException(raw, "not a phone number: " + e.getMessage());
        }
        if (!util.isPossibleNumber(parsed)) {
            throw new InvalidPhoneNumberException(raw, "not a possible phone number for its country");
        }
        String e164 = util.format(parsed, PhoneNumberUtil.PhoneNumberFormat.E164);
        return isWrittenInE164(text, digits) && text.startsWith(e164.substring(0, 1 + countryCodeLength(parsed)))
                ? text
                : e164;
    }

    private static boolean isWrittenInE164(String text, int digits) {
        return text.length() == digits + 1 && text.charAt(0) == '+' && text.charAt(1) != '0';
    }

    private static int countryCodeLength(Phonenumber.PhoneNumber parsed) {
        return Integer.toString(parsed.getCountryCode()).length();
    }

    /** Like {@link #normalize(String)}, but returns null instead of throwing. */
    public String normalizeOrNull(String raw) {
        try {
            return normalize(raw);
        } catch (InvalidPhoneNumberException e) {
            return null;
        }
    }
}
