package io.gomsggw.mm4.smtp;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletionStage;

/**
 * What the application plugs into an {@link SmtpServer}: it decides who may connect, which
 * recipients are taken, and what becomes of each message received.
 *
 * <p><b>Threading:</b> every method is called on the connection's Netty event loop, one call at a
 * time per connection (calls for different connections run concurrently on other loops). No method
 * may block: {@link #onConnect} and {@link #onRecipient} must answer from memory, and the work of
 * {@link #onMessage} (parsing, storing) belongs on the application's own executor, its outcome
 * reported through the returned stage.
 *
 * <p><b>Errors:</b> an exception thrown by {@link #onConnect} is answered {@code 421} and the
 * connection closed; one thrown by {@link #onRecipient} or {@link #onMessage}, or a stage that
 * completes exceptionally, is answered {@code 451} (the client retries later). Each is logged once,
 * without a stack trace per request.
 *
 * @param <A> what the application attaches to an accepted connection (e.g. the identified client)
 */
public interface MailReceiver<A> {

    /**
     * A connection arrived from {@code source} (the PROXY protocol header's source when the server
     * takes one, else the socket's peer). A refusal is answered {@code 554} instead of the greeting
     * and the connection closed.
     *
     * @return {@link ConnectDecision#accept} with the connection's attachment, or {@link ConnectDecision#refuse}
     */
    ConnectDecision<A> onConnect(InetSocketAddress source);

    /**
     * A {@code RCPT TO} for a transaction whose {@code MAIL FROM} was {@code mailFrom}. The reply is
     * sent as given: {@code 250} (e.g. {@link SmtpReply#ok()}) takes the recipient into the
     * envelope; anything else (e.g. {@code 550} when the client may not send from that address)
     * leaves it out.
     *
     * @param mailFrom the reverse path without angle brackets, {@code ""} for the null path {@code <>}
     * @param rcptTo   the forward path without angle brackets
     */
    SmtpReply onRecipient(A attachment, String mailFrom, String rcptTo);

    /**
     * A message arrived: the final {@code .} of {@code DATA} was read, for an envelope with at least
     * one accepted recipient. {@code body} holds the dot-unstuffed message (headers and body, CRLF
     * line ends as sent) and stays readable until the returned stage completes; the server deletes it
     * then. The stage's reply is what the client gets ({@code 250} once stored, {@code 451} while the
     * node pushes back, {@code 554}/{@code 550} with the reason for a refusal). Until then the
     * connection reads no further commands, so pipelined commands stay in order.
     *
     * <p>Not called when the body exceeded the size limit ({@code 552}) or the client went away
     * before the final dot.
     */
    CompletionStage<SmtpReply> onMessage(A attachment, Envelope envelope, SpooledMessage body);

    /**
     * The connection of an accepted {@code attachment} closed (by either side). Default: nothing.
     * Called at most once per accepted connection, possibly while an {@link #onMessage} stage is
     * still pending.
     */
    default void onClose(A attachment) {}
}
