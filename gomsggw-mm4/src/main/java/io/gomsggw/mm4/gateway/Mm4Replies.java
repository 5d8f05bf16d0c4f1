package io.gomsggw.mm4.gateway;

import io.gomsggw.core.model.Client;
import io.gomsggw.mm4.codec.Mm4Message;
import io.gomsggw.mm4.codec.Mm4Writer;
import io.gomsggw.mm4.outbound.Mm4Sender;
import io.gomsggw.mm4.outbound.SendResult;
import io.gomsggw.mm4.outbound.SmtpEnvelope;
import io.gomsggw.mm4.outbound.SmtpTarget;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the gateway's own MM4 messages to a PBX: {@code MM4_forward.RES}, {@code MM4_delivery_report.REQ}
 * and {@code .RES}. They go to the PBX's MM4 address (as outbound MMS do) or, for a PBX whose address
 * names no single host, to port 25 of the address it connected from; never to a host a message names,
 * so a PBX cannot make the gateway connect elsewhere. The SMTP recipient is the PBX's
 * {@code X-Mms-Originator-System} when it gave one. {@link #send} tries a transient failure again per
 * {@code MM4_RETRIES}, then gives the reply up with a log line (the PBX's own timeout takes over);
 * {@link #sendOnce} tries once, for a caller that keeps the message and retries it itself
 * ({@link DeliveryReports}).
 *
 * <p><b>Threading:</b> thread-safe and non-blocking; sends run on the {@link Mm4Sender}'s executor.
 */
final class Mm4Replies {
    private static final Logger log = LoggerFactory.getLogger(Mm4Replies.class);

    private final Mm4Sender sender;
    private final Mm4Writer writer;
    private final Mm4GatewaySettings settings;

    Mm4Replies(Mm4Sender sender, Mm4Writer writer, Mm4GatewaySettings settings) {
        this.sender = sender;
        this.writer = writer;
        this.settings = settings;
    }

    /**
     * Sends {@code reply} to {@code client}; {@code source} is where it connected from (null when it did
     * not), {@code mailbox} the PBX's system address, if known. Completes with whether the PBX took it.
     */
    CompletionStage<Boolean> send(Client client, InetAddress source, Optional<String> mailbox, Mm4Message reply) {
        Optional<SmtpTarget> target = Mm4Egress.target(client)
                .or(() -> Optional.ofNullable(source).map(s -> new SmtpTarget(s.getHostAddress(), 25)));
        if (target.isEmpty()) {
            logNoAddress(client, reply);
            return CompletableFuture.completedFuture(false);
        }
        return attempt(client, target.get(), envelope(target.get(), mailbox), reply, 0);
    }

    /** What came of one try of a message the caller retries itself. */
    enum Outcome {
        /** The PBX's SMTP server took it. */
        TAKEN,
        /** The PBX refused it ({@code 5xx}), or it has no MM4 address: trying again would not help. */
        REFUSED,
        /** The PBX could not be reached or answered {@code 4xx}: try again later. */
        TRY_LATER
    }

    /** Sends {@code reply} once to {@code client}'s MM4 address (none: {@link Outcome#REFUSED}). */
    CompletionStage<Outcome> sendOnce(Client client, Mm4Message reply) {
        Optional<SmtpTarget> target = Mm4Egress.target(client);
        if (target.isEmpty()) {
            logNoAddress(client, reply);
            return CompletableFuture.completedFuture(Outcome.REFUSED);
        }
        return sender.send(target.get(), envelope(target.get(), Optional.empty()), writer.toMimeMessage(reply))
                .thenApply(result -> {
                    if (result instanceof SendResult.Accepted) {
                        return Outcome.TAKEN;
                    }
                    if (result instanceof SendResult.PermanentFailure) {
                        logNotDelivered(client, target.get(), reply, result);
                        return Outcome.REFUSED;
                    }
                    return Outcome.TRY_LATER;
                });
    }

    private SmtpEnvelope envelope(SmtpTarget target, Optional<String> mailbox) {
        String rcpt = mailbox.filter(Mm4Replies::envelopeSafe).orElse("system@" + target.host());
        try {
            return SmtpEnvelope.of(settings.originatorSystem(), rcpt);
        } catch (IllegalArgumentException e) {
            return SmtpEnvelope.of(settings.originatorSystem(), "system@" + target.host());
        }
    }

    private static void logNoAddress(Client client, Mm4Message reply) {
        log.info(
                "mm4 reply not sent: no address for client={} type={} transaction_id={}",
                client.username(),
                reply.type().wireText(),
                reply.transactionId());
    }

    private static void logNotDelivered(Client client, SmtpTarget target, Mm4Message reply, SendResult result) {
        log.info(
                "mm4 reply not delivered client={} type={} transaction_id={} target={}:{} reply=\"{}\"",
                client.username(),
                reply.type().wireText(),
                reply.transactionId(),
                target.host(),
                target.port(),
                result.reply());
    }

    private CompletionStage<Boolean> attempt(
            Client client, SmtpTarget target, SmtpEnvelope envelope, Mm4Message reply, int attempt) {
        return sender.send(target, envelope, writer.toMimeMessage(reply)).thenCompose(result -> {
            if (result instanceof SendResult.Accepted) {
                return CompletableFuture.completedFuture(true);
            }
            if (result instanceof SendResult.TransientFailure
                    && settings.retryPolicy().mayRetry(attempt + 1)) {
                Duration delay =
                        settings.retryPolicy().delayAfter(attempt + 1, ThreadLocalRandom.current()::nextDouble);
                return CompletableFuture.supplyAsync(
                                () -> null, CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS))
                        .thenCompose(ignored -> attempt(client, target, envelope, reply, attempt + 1));
            }
            logNotDelivered(client, target, reply, result);
            return CompletableFuture.completedFuture(false);
        });
    }

    private static boolean envelopeSafe(String address) {
        return !address.isEmpty()
                && address.indexOf('@') > 0
                && address.chars().noneMatch(c -> c <= ' ' || c == '<' || c == '>' || c >= 127);
    }
}
