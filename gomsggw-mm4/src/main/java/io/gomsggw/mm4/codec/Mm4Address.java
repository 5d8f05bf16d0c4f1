package io.gomsggw.mm4.codec;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An MM4 address as written in {@code From}, {@code To} and {@code Cc}: a number (or another local part)
 * with an optional {@code /TYPE=} qualifier and an optional domain, e.g.
 * {@code +12505551234/TYPE=PLMN@mms.example.com}. The number is kept exactly as written
 * ({@code +12505551234}, {@code 12505551234}): normalizing it to E.164 is the caller's job.
 *
 * @param number the number as written, never blank
 * @param type   the {@code /TYPE=} value as written ({@code PLMN}, {@code IPv4}, ...), if any
 * @param domain the domain after {@code @}, if any
 */
public record Mm4Address(String number, Optional<String> type, Optional<String> domain) {
    /** The {@code /TYPE=} value of a phone number. */
    public static final String PLMN = "PLMN";

    private static final int MAX_LENGTH = 512;
    private static final Pattern NUMBER = Pattern.compile("\\+?[A-Za-z0-9._:*#-]{1,64}");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z0-9]{1,16}");
    private static final Pattern DOMAIN = Pattern.compile("[A-Za-z0-9._-]{1,253}|\\[[0-9A-Fa-f:.]{2,45}]");
    private static final String TYPE_MARK = "/type=";

    /** Checks the parts with the same rules as {@link #parse}. */
    public Mm4Address {
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(domain, "domain");
        if (!NUMBER.matcher(number).matches()) {
            throw new IllegalArgumentException("not an MM4 number: " + number);
        }
        type.ifPresent(t -> {
            if (!TYPE.matcher(t).matches()) {
                throw new IllegalArgumentException("not an MM4 address type: " + t);
            }
        });
        domain.ifPresent(d -> {
            if (!DOMAIN.matcher(d).matches()) {
                throw new IllegalArgumentException("not a domain: " + d);
            }
        });
    }

    /** A phone number address {@code number/TYPE=PLMN@domain}. */
    public static Mm4Address plmn(String number, String domain) {
        return new Mm4Address(number, Optional.of(PLMN), Optional.of(domain));
    }

    /** A phone number address {@code number/TYPE=PLMN} without a domain. */
    public static Mm4Address plmn(String number) {
        return new Mm4Address(number, Optional.of(PLMN), Optional.empty());
    }

    /** This address with {@code domain} in place of its own. */
    public Mm4Address withDomain(String domain) {
        return new Mm4Address(number, type, Optional.of(domain));
    }

    /** Whether the {@code /TYPE=} qualifier says this is a phone number ({@code PLMN}, any case). */
    public boolean isPlmn() {
        return type.map(t -> t.equalsIgnoreCase(PLMN)).orElse(false);
    }

    /** The address as written in a header: {@code +12505551234/TYPE=PLMN@domain}, parts left out when absent. */
    public String toHeaderValue() {
        return number
                + type.map(t -> "/TYPE=" + t).orElse("")
                + domain.map(d -> "@" + d).orElse("");
    }

    @Override
    public String toString() {
        return toHeaderValue();
    }

    /**
     * Reads one address: {@code +12505551234/TYPE=PLMN@mms.example.com}, {@code 12505551234@host},
     * {@code +12505551234/TYPE=PLMN}, any of these in angle brackets, optionally after a display name
     * ({@code "Bob" <+12505551234/TYPE=PLMN@host>}). The {@code /TYPE=} marker is found in any case.
     *
     * @throws Mm4FormatException ({@link RequestStatus#ERROR_MESSAGE_FORMAT_CORRUPT}) for anything else
     */
    public static Mm4Address parse(String text) throws Mm4FormatException {
        if (text == null || text.isBlank()) {
            throw corrupt("empty address");
        }
        if (text.length() > MAX_LENGTH) {
            throw corrupt("address longer than " + MAX_LENGTH + " characters");
        }
        String s = text.strip();
        int open = s.lastIndexOf('<');
        if (open >= 0) {
            int close = s.indexOf('>', open);
            if (close < 0 || !s.substring(close + 1).isBlank()) {
                throw corrupt("unbalanced angle brackets in address");
            }
            s = s.substring(open + 1, close).strip();
        } else if (s.indexOf('>') >= 0) {
            throw corrupt("unbalanced angle brackets in address");
        }
        Optional<String> domain = Optional.empty();
        int at = s.lastIndexOf('@');
        if (at >= 0) {
            domain = Optional.of(s.substring(at + 1));
            s = s.substring(0, at);
        }
        Optional<String> type = Optional.empty();
        int mark = s.toLowerCase(Locale.ROOT).indexOf(TYPE_MARK);
        if (mark >= 0) {
            type = Optional.of(s.substring(mark + TYPE_MARK.length()));
            s = s.substring(0, mark);
        }
        try {
            return new Mm4Address(s, type, domain);
        } catch (IllegalArgumentException e) {
            throw corrupt("malformed address");
        }
    }

    private static Mm4FormatException corrupt(String why) {
        return new Mm4FormatException(RequestStatus.ERROR_MESSAGE_FORMAT_CORRUPT, why);
    }
}
