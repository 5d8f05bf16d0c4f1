package io.gomsggw.smpp.gateway;

import io.gomsggw.core.dispatch.MediaLinks;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.spi.ClientEgress;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.DeliverSm;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.session.SmppSendException;
import io.gomsggw.smpp.session.SmppSession;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers messages to legacy clients as {@code deliver_sm} on one of their bound sessions, the
 * parts of a long message in order on the same session. An MMS is delivered as its text followed by
 * links to its media (when {@code SERVER_ADDRESS} is public). A client without a receiving bind is
 * offline, so the dispatcher tries its failovers; a busy or failing ESME
 * ({@code ESME_RTHROTTLED}, {@code ESME_RMSGQFUL}, {@code ESME_RX_T_APPN}, {@code ESME_RSYSERR},
 * no response) is retried; any other status refuses the message for good.
 */
public final class SmppEgress implements ClientEgress {
    private static final Set<Integer> TRY_AGAIN = Set.of(
            CommandStatus.ESME_RTHROTTLED.code(),
            CommandStatus.ESME_RMSGQFUL.code(),
            CommandStatus.ESME_RX_T_APPN.code(),
            CommandStatus.ESME_RSYSERR.code());

    private final SessionRegistry sessions;
    private final MediaLinks mediaLinks;
    private final Executor blocking;
    private final RetryPolicy retryPolicy;
    private final AtomicInteger references = new AtomicInteger();

    public SmppEgress(SessionRegistry sessions, MediaLinks mediaLinks, Executor blocking, RetryPolicy retryPolicy) {
        this.sessions = sessions;
        this.mediaLinks = mediaLinks;
        this.blocking = blocking;
        this.retryPolicy = retryPolicy;
    }

    @Override
    public String channel() {
        return "smpp";
    }

    @Override
    public boolean accepts(Client client) {
        return client.type() == ClientType.LEGACY;
    }

    /** A {@code deliver_sm} needs one of the client's binds, which only the node holding it has. */
    @Override
    public boolean deliversOnlyWhereBound() {
        return true;
    }

    @Override
    public boolean isOnline(Client client) {
        return sessions.canReceive(client.id());
    }

    @Override
    public CompletionStage<SendOutcome> deliver(Client client, Message message) {
        SmppSession session = sessions.nextReceiver(client.id());
        if (session == null) {
            return CompletableFuture.completedFuture(
                    new SendOutcome.Retryable("no SMPP receiver bound for " + client.username()));
        }
        CompletionStage<String> text = message.media().isEmpty()
                ? CompletableFuture.completedFuture(message.text())
                // publishing links writes to the media store: not on the caller's thread
                : CompletableFuture.supplyAsync(() -> withLinks(message), blocking);
        return text.thenCompose(body -> sendInOrder(
                session,
                DeliverSmParts.of(
                        SmppAddresses.fromE164(message.from()),
                        SmppAddresses.fromE164(message.to()),
                        body,
                        !client.settings().disableMessageSplitting(),
                        references.getAndIncrement() & 0xFF),
                0));
    }

    private String withLinks(Message message) {
        List<String> links = mediaLinks.publish(message);
        StringBuilder body = new StringBuilder(message.text());
        for (String link : links) {
            body.append(body.length() == 0 ? "" : "\n").append(link);
        }
        return body.toString();
    }

    private CompletionStage<SendOutcome> sendInOrder(SmppSession session, List<SmFields> parts, int index) {
        return session.send(sequence -> new DeliverSm(sequence, parts.get(index)))
                .handle((response, failure) -> {
                    if (failure != null) {
                        return CompletableFuture.completedFuture(notAnswered(session, failure));
                    }
                    SendOutcome outcome = outcomeOf(response);
                    if (!(outcome instanceof SendOutcome.Accepted) || index == parts.size() - 1) {
                        return CompletableFuture.completedFuture(outcome);
                    }
                    return sendInOrder(session, parts, index + 1);
                })
                .thenCompose(next -> next);
    }

    private static SendOutcome outcomeOf(ResponsePdu response) {
        int status = response.commandStatus();
        if (status == CommandStatus.ESME_ROK.code()) {
            return new SendOutcome.Accepted(null);
        }
        String reason = "deliver_sm answered " + CommandStatus.name(status);
        return TRY_AGAIN.contains(status) ? new SendOutcome.Retryable(reason) : new SendOutcome.Rejected(reason);
    }

    private static SendOutcome notAnswered(SmppSession session, Throwable failure) {
        Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String reason = cause instanceof SmppSendException send
                ? "deliver_sm on session " + session.id() + ": "
                        + send.reason().name().toLowerCase(Locale.ROOT)
                : cause.toString();
        return new SendOutcome.Retryable(reason);
    }

    @Override
    public RetryPolicy retryPolicy(Client client) {
        return retryPolicy;
    }
}
