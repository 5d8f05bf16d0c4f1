package io.gomsggw.mm4.smtp;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * One SMTP reply: a three-digit code and its text, one line or several. Immutable.
 *
 * @param code  200–599
 * @param lines the text of each line (at least one, possibly empty); control characters are
 *              replaced by spaces so a reply can never split into an extra line
 */
public record SmtpReply(int code, List<String> lines) {

    private static final SmtpReply OK = new SmtpReply(250, List.of("OK"));

    public SmtpReply {
        if (code < 200 || code > 599) {
            throw new IllegalArgumentException("reply code out of range: " + code);
        }
        Objects.requireNonNull(lines, "lines");
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a reply needs at least one line");
        }
        lines = lines.stream().map(SmtpReply::oneLine).toList();
    }

    /** {@code code text}. */
    public static SmtpReply of(int code, String text) {
        return new SmtpReply(code, List.of(text));
    }

    /** {@code 250 OK}. */
    public static SmtpReply ok() {
        return OK;
    }

    /** {@code 250 text}. */
    public static SmtpReply ok(String text) {
        return of(250, text);
    }

    /** {@code 451 text}: a transient failure, the client tries again later (e.g. the node pushes back). */
    public static SmtpReply tryLater(String text) {
        return of(451, text);
    }

    /** {@code 550 text}: refused for this mailbox (e.g. not one of the client's numbers). */
    public static SmtpReply mailboxRefused(String text) {
        return of(550, text);
    }

    /** {@code 554 text}: the transaction failed for good (e.g. the message is not MM4). */
    public static SmtpReply failed(String text) {
        return of(554, text);
    }

    /** Whether the code is 2xx. */
    public boolean isPositive() {
        return code < 300;
    }

    /** Whether the code is 4xx: a transient failure. */
    public boolean isTransient() {
        return code >= 400 && code < 500;
    }

    /** The reply as sent: {@code code-text} lines, the last {@code code text}, each ending CRLF. */
    public byte[] encode() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            out.append(code)
                    .append(i == lines.size() - 1 ? ' ' : '-')
                    .append(lines.get(i))
                    .append("\r\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return code + " " + String.join(" / ", lines);
    }

    static String oneLine(String text) {
        Objects.requireNonNull(text, "text");
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(c -> b.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return b.toString();
    }
}
