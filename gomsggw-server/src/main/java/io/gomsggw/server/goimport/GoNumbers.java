package io.gomsggw.server.goimport;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.gomsggw.core.phone.InvalidPhoneNumberException;
import io.gomsggw.core.phone.PhoneNumbers;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads the phone numbers a Go gateway stored into E.164, with {@link PhoneNumbers}.
 *
 * <p>The Go gateway keeps the digits of whatever was typed, without the plus: documented as the
 * international number ({@code 12505551234}), but a number typed without its country code
 * ({@code 2505551234}) works there too, since it matches numbers by containment. So digits alone
 * are read as an international number first, and in {@code DEFAULT_REGION} second:
 *
 * <ol>
 *   <li>a number written with a {@code +} is read as it is;
 *   <li>digits that make a valid international number ({@code 12505551234}) are that number;
 *   <li>else digits that make a valid number of the default region ({@code 2505551234}) are that
 *       number, with a note;
 *   <li>else the first reading that is at least a possible number, with a note;
 *   <li>else the number is refused with the reason of the international reading.
 * </ol>
 *
 * <p>Thread-safe. The last readings are remembered: message history repeats the same numbers.
 */
final class GoNumbers {
    private static final int CACHED_READINGS = 100_000;

    private final PhoneNumbers phoneNumbers;
    private final PhoneNumberUtil util = PhoneNumberUtil.getInstance();
    private final Cache<String, Reading> readings =
            Caffeine.newBuilder().maximumSize(CACHED_READINGS).build();

    GoNumbers(PhoneNumbers phoneNumbers) {
        this.phoneNumbers = Objects.requireNonNull(phoneNumbers, "phoneNumbers");
    }

    /** How a stored number reads. */
    sealed interface Reading {
        /**
         * @param e164 the number in E.164
         * @param note how it was read, when that was not the documented form
         */
        // named after the Go table it reads; never used beside java.lang.Number
        @SuppressWarnings("JavaLangClash")
        record Number(String e164, Optional<String> note) implements Reading {}

        /** Not a phone number; {@code reason} says why. */
        record Refused(String reason) implements Reading {}
    }

    /** Reads {@code stored} as the Go gateway kept it; never throws. */
    Reading read(String stored) {
        if (stored == null || stored.isBlank()) {
            return new Reading.Refused("the number is empty");
        }
        String text = stored.strip();
        return readings.get(text, this::readUncached);
    }

    /** The E.164 form of {@code stored}, or empty when it is not a phone number. */
    Optional<String> e164(String stored) {
        return read(stored) instanceof Reading.Number number ? Optional.of(number.e164()) : Optional.empty();
    }

    private Reading readUncached(String text) {
        if (text.startsWith("+") || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return new Reading.Number(phoneNumbers.normalize(text), Optional.empty());
            } catch (InvalidPhoneNumberException e) {
                return new Reading.Refused(e.getMessage());
            }
        }
        String international;
        String refusal;
        try {
            international = phoneNumbers.normalize("+" + text);
            refusal = null;
        } catch (InvalidPhoneNumberException e) {
            international = null;
            refusal = e.getMessage();
        }
        if (international != null && isValid(international)) {
            return new Reading.Number(international, Optional.empty());
        }
        String national = phoneNumbers.normalizeOrNull(text);
        if (national != null && isValid(national)) {
            return new Reading.Number(
                    national,
                    Optional.of("read as " + national + ", a number of DEFAULT_REGION " + phoneNumbers.defaultRegion()
                            + " (stored without its country code)"));
        }
        if (international != null) {
            return new Reading.Number(
                    international,
                    Optional.of("read as " + international
                            + ", though it is not a valid number of its country's numbering plan"));
        }
        if (national != null) {
            return new Reading.Number(
                    national,
                    Optional.of("read as " + national + ", a possible number of " + "DEFAULT_REGION "
                            + phoneNumbers.defaultRegion() + ", though not a valid one"));
        }
        return new Reading.Refused(refusal);
    }

    private boolean isValid(String e164) {
        try {
            return util.isValidNumber(util.parse(e164, null));
        } catch (NumberParseException e) {
            return false;
        }
    }
}
