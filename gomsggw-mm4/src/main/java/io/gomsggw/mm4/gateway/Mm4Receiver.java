package io.gomsggw.mm4.gateway;

import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.security.LoginThrottle;
import io.gomsggw.mm4.codec.DeliveryReport;
import io.gomsggw.mm4.codec.DeliveryReportResponse;
import io.gomsggw.mm4.codec.ForwardRequest;
import io.gomsggw.mm4.codec.ForwardResponse;
import io.gomsggw.mm4.codec.Mm4Address;
import io.gomsggw.mm4.codec.Mm4FormatException;
import io.gomsggw.mm4.codec.Mm4Message;
import io.gomsggw.mm4.codec.Mm4Parser;
import io.gomsggw.mm4.codec.RequestStatus;
import io.gomsggw.mm4.smtp.ConnectDecision;
import io.gomsggw.mm4.smtp.Envelope;
import io.gomsggw.mm4.smtp.MailReceiver;
import io.gomsggw.mm4.smtp.SmtpReply;
import io.gomsggw.mm4.smtp.SpooledMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gateway's side of the MM4 SMTP server.
 *
 * <ul>
 *   <li><b>Connect:</b> the source must belong to a legacy client ({@link Mm4Sources}); else {@code 554} and
 *       the connection closes. Unknown sources count as failed logins ({@link LoginThrottle}, shared with
 *       SMPP and HTTP): a source that keeps trying is refused without a log line per attempt.
 *   <li><b>RCPT:</b> when {@code MAIL FROM} is a phone number it must be one of the client's ({@code 550}).
 *   <li><b>DATA:</b> parsed off the event loop ({@code parsing}, bounded: a full executor is {@code 451}),
 *       within a memory budget ({@link IngestBudget}: no room within its wait is {@code 451} too).
 *       MIME that is not MM4 is {@code 554} with the reason and stores nothing. An {@code MM4_forward.REQ}
 *       becomes one MMS per recipient ({@link ForwardIngest}), {@code 250} once all are stored; with
 *       {@code X-Mms-Ack-Request: Yes} its {@code MM4_forward.RES} follows over SMTP. Responses and delivery
 *       reports update our messages ({@link ClientReports}) and are answered {@code 250} at once; a delivery
 *       report that asked for it gets its {@code .RES}.
 * </ul>
 *
 * <p><b>Threading:</b> the {@link MailReceiver} methods run on event loops and only read memory; parsing
 * and storing run on {@code parsing} and the pipeline.
 */
public final class Mm4Receiver implements MailReceiver<Mm4Peer> {
    private static final Logger log = LoggerFactory.getLogger(Mm4Receiver.class);
    /** The longest message parsed: the most a Java array holds. */
    private static final long LARGEST_ARRAY = Integer.MAX_VALUE - 16;

    private final Mm4Sources sources;
    private final LoginThrottle throttle;
    private final Mm4Parser parser;
    private final ForwardIngest ingest;
    private final ClientReports reports;
    private final Mm4Replies replies;
    private final Mm4Sessions sessions;
    private final Mm4GatewaySettings settings;
    private final Executor parsing;
    private final IngestBudget budget;
    private final GatewayMetrics metrics;
    private final Clock clock;

    Mm4Receiver(
            Mm4Sources sources,
            LoginThrottle throttle,
            Mm4Parser parser,
            ForwardIngest ingest,
            ClientReports reports,
            Mm4Replies replies,
            Mm4Sessions sessions,
            Mm4GatewaySettings settings,
            Executor parsing,
            IngestBudget budget,
            GatewayMetrics metrics,
            Clock clock) {
        this.sources = sources;
        this.throttle = throttle;
        this.parser = parser;
        this.ingest = ingest;
        this.reports = reports;
        this.replies = replies;
        this.sessions = sessions;
        this.settings = settings;
        this.parsing = parsing;
        this.budget = budget;
        this.metrics = metrics;
        this.clock = clock;
    }

    @Override
    public ConnectDecision<Mm4Peer> onConnect(InetSocketAddress source) {
        InetAddress address = source.getAddress();
        if (address == null) {
            return ConnectDecision.refuse("source address unknown");
        }
        if (throttle.check(address) instanceof LoginThrottle.Verdict.Barred) {
            metrics.counter("gomsggw_mm4_sessions", "outcome", "barred").inc();
            return ConnectDecision.refuse("too many attempts from this address, try later");
        }
        var candidates = sources.candidates(address);
        if (candidates.isEmpty()) {
            throttle.failed(address);
            metrics.counter("gomsggw_mm4_sessions", "outcome", "unknown_source").inc();
            log.info("mm4 connection from an unknown source refused source={}", address.getHostAddress());
            return ConnectDecision.refuse("no MM4 client is configured for this address");
        }
        Mm4Peer peer = new Mm4Peer(source, candidates, clock.instant());
        sessions.opened(peer);
        metrics.counter("gomsggw_mm4_sessions", "outcome", "accepted").inc();
        return ConnectDecision.accept(peer, peer.client().username());
    }

    @Override
    public SmtpReply onRecipient(Mm4Peer peer, String mailFrom, String rcptTo) {
        sessions.active(peer);
        Optional<String> number = phoneNumberOf(mailFrom);
        if (number.isPresent() && ingest.owner(peer.candidates(), number.get()).isEmpty()) {
            metrics.messageIn("mm4", "denied");
            return SmtpReply.mailboxRefused("5.7.1 " + number.get() + " is not one of your numbers");
        }
        return SmtpReply.ok("2.1.5 OK");
    }

    /** The number of a {@code MAIL FROM} such as {@code +12505551234/TYPE=PLMN@host}; empty for a system address. */
    private static Optional<String> phoneNumberOf(String mailFrom) {
        if (mailFrom.isEmpty()) {
            return Optional.empty();
        }
        try {
            Mm4Address address = Mm4Address.parse(mailFrom);
            return address.isPlmn() || address.number().matches("\\+?[0-9]{6,15}")
                    ? Optional.of(address.number())
                    : Optional.empty();
        } catch (Mm4FormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public CompletionStage<SmtpReply> onMessage(Mm4Peer peer, Envelope envelope, SpooledMessage body) {
        sessions.active(peer);
        CompletableFuture<SmtpReply> replied = budget.acquire(body.size()).thenCompose(hold -> {
            CompletableFuture<Mm4Message> parsed;
            try {
                parsed = CompletableFuture.supplyAsync(() -> parse(body), parsing);
            } catch (RejectedExecutionException e) {
                hold.done();
                throw e;
            }
            CompletableFuture<SmtpReply> handled = parsed.thenCompose(message -> handle(peer, message, hold));
            handled.whenComplete((reply, failure) -> hold.done());
            return handled;
        });
        return replied.exceptionally(failure -> {
            Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
            if (cause instanceof Mm4FormatException refused) {
                metrics.messageIn("mm4", "malformed");
                log.info(
                        "mm4 message refused client={} status={} reason=\"{}\"",
                        peer.client().username(),
                        refused.status().wireText(),
                        refused.getMessage());
                return SmtpReply.failed("5.6.0 not an MM4 message we accept: " + refused.getMessage() + " ("
                        + refused.status().wireText() + ")");
            }
            if (cause instanceof RejectedExecutionException || cause instanceof IngestBudget.BudgetFull) {
                metrics.messageIn("mm4", "saturated");
                return SmtpReply.tryLater("4.3.2 gateway busy, try again later");
            }
            log.warn("mm4 message not handled client={} error={}", peer.client().username(), cause.toString());
            return SmtpReply.tryLater("4.3.0 message not stored, try again later");
        });
    }

    private Mm4Message parse(SpooledMessage body) {
        if (body.size() > LARGEST_ARRAY) {
            throw new CompletionException(new Mm4FormatException(
                    RequestStatus.ERROR_CONTENT_NOT_ACCEPTED, "message larger than " + LARGEST_ARRAY + " bytes"));
        }
        byte[] bytes;
        try {
            bytes = body.bytes(); // in memory: the spool's own array, parsed in place
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return parser.parse(bytes);
        } catch (Mm4FormatException e) {
            throw new CompletionException(e);
        }
    }

    private CompletionStage<SmtpReply> handle(Mm4Peer peer, Mm4Message message, IngestBudget.Hold hold) {
        if (message instanceof ForwardRequest request) {
            return ingest.ingest(peer.candidates(), request, hold).thenApply(answer -> {
                if (answer.smtpCode() >= 500) {
                    metrics.messageIn("mm4", answer.smtpCode() == 550 ? "denied" : "refused");
                }
                if (request.ackRequested() && answer.resStatus().isPresent()) {
                    Client pbx = ingest.sender(peer.candidates(), request).orElse(peer.client());
                    replies.send(
                            pbx,
                            peer.source().getAddress(),
                            request.originatorSystem(),
                            ForwardResponse.answering(
                                    request,
                                    answer.resStatus().get(),
                                    answer.statusText(),
                                    settings.originatorSystem()));
                }
                return SmtpReply.of(answer.smtpCode(), answer.smtpText());
            });
        }
        if (message instanceof ForwardResponse response) {
            metrics.counter("gomsggw_mm4_reports_in", "type", "forward_res").inc();
            reports.response(peer.candidates(), response);
            return CompletableFuture.completedFuture(SmtpReply.ok("2.0.0 response taken"));
        }
        if (message instanceof DeliveryReport report) {
            metrics.counter("gomsggw_mm4_reports_in", "type", "delivery_report").inc();
            reports.deliveryReport(peer.candidates(), report).thenAccept(known -> {
                if (report.ackRequested()) {
                    replies.send(
                            peer.client(),
                            peer.source().getAddress(),
                            report.originatorSystem(),
                            DeliveryReportResponse.answering(
                                    report,
                                    known ? RequestStatus.OK : RequestStatus.ERROR_MESSAGE_NOT_FOUND,
                                    Optional.empty(),
                                    settings.originatorSystem()));
                }
            });
            return CompletableFuture.completedFuture(SmtpReply.ok("2.0.0 delivery report taken"));
        }
        metrics.counter("gomsggw_mm4_reports_in", "type", "delivery_report_res").inc();
        return CompletableFuture.completedFuture(SmtpReply.ok("2.0.0 taken"));
    }

    @Override
    public void onClose(Mm4Peer peer) {
        sessions.closed(peer);
    }
}
