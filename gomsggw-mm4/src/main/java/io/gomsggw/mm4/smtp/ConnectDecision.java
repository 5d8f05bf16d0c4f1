package io.gomsggw.mm4.smtp;

import java.util.Objects;

/**
 * The answer of {@link MailReceiver#onConnect}: accept the connection with an attachment, or refuse
 * it (the server answers {@code 554} instead of the greeting and closes). Immutable.
 *
 * @param <A> the attachment type
 */
public final class ConnectDecision<A> {
    private final A attachment;
    private final String clientKey;
    private final String reason;

    private ConnectDecision(A attachment, String clientKey, String reason) {
        this.attachment = attachment;
        this.clientKey = clientKey;
        this.reason = reason;
    }

    /**
     * Accepts the connection.
     *
     * @param attachment given back to every later call for this connection
     * @param clientKey  what {@link SmtpServer#sessionsByClient()} counts the session under (e.g.
     *                   the client's name)
     */
    public static <A> ConnectDecision<A> accept(A attachment, String clientKey) {
        return new ConnectDecision<>(
                Objects.requireNonNull(attachment, "attachment"), Objects.requireNonNull(clientKey, "clientKey"), null);
    }

    /**
     * Refuses the connection: {@code 554 <host> <reason>} and close.
     *
     * @param reason one line of text for the client (e.g. "no client configured for this address")
     */
    public static <A> ConnectDecision<A> refuse(String reason) {
        return new ConnectDecision<>(null, null, SmtpReply.oneLine(Objects.requireNonNull(reason, "reason")));
    }

    /** Whether the connection is accepted. */
    public boolean accepted() {
        return reason == null;
    }

    /** The attachment; {@code null} when refused. */
    public A attachment() {
        return attachment;
    }

    /** The key sessions are counted under; {@code null} when refused. */
    public String clientKey() {
        return clientKey;
    }

    /** The refusal's text; {@code null} when accepted. */
    public String reason() {
        return reason;
    }
}
