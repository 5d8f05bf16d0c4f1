package io.gomsggw.smpp.receipt;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of an SMSC delivery receipt in the de-facto format of SMPP 3.4 Appendix B:
 * {@code id:IIII sub:SSS dlvrd:DDD submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DDDDDDD err:E text:...}.
 * Dates are written in UTC. Immutable; no Netty, store or router here.
 *
 * @param messageId   the id the SMSC gave the message in {@code submit_sm_resp}
 * @param submitted   how many messages were submitted (written as 3 digits)
 * @param delivered   how many of them were delivered (written as 3 digits)
 * @param submitDate  when the message was submitted
 * @param doneDate    when it reached its final state
 * @param stat        the final state: {@code DELIVRD}, {@code UNDELIV}, {@code EXPIRED}, {@code REJECTD}, …
 * @param error       a network error code (written as 3 digits)
 * @param text        the first 20 characters of the message
 */
public record DeliveryReceipt(
        String messageId,
        int submitted,
        int delivered,
        Instant submitDate,
        Instant doneDate,
        String stat,
        int error,
        String text) {

    /** {@code stat} of a delivered message. */
    public static final String DELIVERED = "DELIVRD";
    /** {@code stat} of a message that could not be delivered. */
    public static final String UNDELIVERABLE = "UNDELIV";
    /** {@code stat} of a message that was refused. */
    public static final String REJECTED = "REJECTD";
    /** {@code stat} of a message whose validity ran out. */
    public static final String EXPIRED = "EXPIRED";

    private static final DateTimeFormatter DATE =
            DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final int TEXT_LENGTH = 20;
    private static final Pattern FORMAT = Pattern.compile(
            "id:(\\S+) sub:(\\d{1,3}) dlvrd:(\\d{1,3}) submit date:(\\d{10,12}) done date:(\\d{10,12})"
                    + " stat:(\\w{1,7}) err:(\\w{1,3})(?: text:(.*))?",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);

    public DeliveryReceipt {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(submitDate, "submitDate");
        Objects.requireNonNull(doneDate, "doneDate");
        Objects.requireNonNull(stat, "stat");
        text = text == null ? "" : text;
    }

    /** The receipt text, with at most the first 20 characters of the message. */
    public String format() {
        String shortText = text.length() <= TEXT_LENGTH ? text : text.substring(0, cut(text));
        return "id:" + messageId + " sub:" + three(submitted) + " dlvrd:" + three(delivered)
                + " submit date:" + DATE.format(submitDate) + " done date:" + DATE.format(doneDate)
                + " stat:" + stat + " err:" + three(error) + " text:" + shortText;
    }

    /** Reads a receipt text as SMSCs write it; empty when the text is not a receipt. Seconds in dates are accepted. */
    public static Optional<DeliveryReceipt> parse(String receipt) {
        Matcher m = FORMAT.matcher(receipt.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new DeliveryReceipt(
                    m.group(1),
                    Integer.parseInt(m.group(2)),
                    Integer.parseInt(m.group(3)),
                    date(m.group(4)),
                    date(m.group(5)),
                    m.group(6).toUpperCase(Locale.ROOT),
                    parseError(m.group(7)),
                    m.group(8) == null ? "" : m.group(8)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Instant date(String digits) {
        return DATE.parse(digits.substring(0, 10), Instant::from);
    }

    private static int parseError(String err) {
        return err.chars().allMatch(Character::isDigit) ? Integer.parseInt(err) : 0;
    }

    /** Never cut a surrogate pair in two. */
    private static int cut(String text) {
        return Character.isHighSurrogate(text.charAt(TEXT_LENGTH - 1)) ? TEXT_LENGTH - 1 : TEXT_LENGTH;
    }

    private static String three(int n) {
        String digits = Integer.toString(Math.max(0, Math.min(999, n)));
        return "000".substring(digits.length()) + digits;
    }
}
