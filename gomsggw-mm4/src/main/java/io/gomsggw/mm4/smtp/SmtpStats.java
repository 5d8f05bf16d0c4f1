package io.gomsggw.mm4.smtp;

/**
 * Counters of an {@link SmtpServer} since it started, as one consistent-enough snapshot (each field
 * is read atomically, not all together). Immutable; the bridge turns them into metrics.
 *
 * @param sessionsOpen        connections open now (accepted ones and those still at the greeting)
 * @param sessionsAccepted    connections greeted with {@code 220}
 * @param sessionsRefused     connections answered {@code 554} at the greeting (source refused)
 * @param sessionsOverLimit   connections answered {@code 421} at the greeting (too many sessions)
 * @param messagesReceived    messages handed to {@link MailReceiver#onMessage}
 * @param messagesAccepted    of those, answered 2xx
 * @param messagesRejected    of those, answered 4xx or 5xx
 * @param messagesTooLarge    messages refused {@code 552} (by {@code SIZE=} or by their length)
 * @param bytesReceived       bytes of messages handed to {@link MailReceiver#onMessage}
 * @param commandErrors       commands answered {@code 500}, {@code 501}, {@code 502}, {@code 503} or {@code 555}
 * @param timeouts            connections closed with {@code 421} for idleness
 */
public record SmtpStats(
        long sessionsOpen,
        long sessionsAccepted,
        long sessionsRefused,
        long sessionsOverLimit,
        long messagesReceived,
        long messagesAccepted,
        long messagesRejected,
        long messagesTooLarge,
        long bytesReceived,
        long commandErrors,
        long timeouts) {}
