package io.gomsggw.mm4.outbound;

import java.util.List;
import java.util.Objects;

/**
 * The SMTP envelope of one transaction, given explicitly rather than taken from the message headers. MM4
 * addresses such as {@code +12505551234/TYPE=PLMN@mms.example.com} (or without a domain) are sent as
 * written, in angle brackets.
 *
 * @param mailFrom   the {@code MAIL FROM} address, without angle brackets; not empty
 * @param recipients the {@code RCPT TO} addresses, without angle brackets; at least one
 */
public record SmtpEnvelope(String mailFrom, List<String> recipients) {
    public SmtpEnvelope {
        Objects.requireNonNull(mailFrom, "mailFrom");
        recipients = List.copyOf(recipients);
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("at least one recipient");
        }
        check(mailFrom);
        recipients.forEach(SmtpEnvelope::check);
    }

    /** An envelope with one recipient. */
    public static SmtpEnvelope of(String mailFrom, String recipient) {
        return new SmtpEnvelope(mailFrom, List.of(recipient));
    }

    private static void check(String address) {
        if (address.isEmpty()) {
            throw new IllegalArgumentException("empty envelope address");
        }
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c <= ' ' || c == '<' || c == '>' || c == 127) {
                throw new IllegalArgumentException("envelope address with space, control character or bracket");
            }
        }
    }
}
