package io.gomsggw.mm4.gateway;

import io.gomsggw.core.dispatch.BatchingWriter;
import io.gomsggw.core.dispatch.DeliveryWindows;
import io.gomsggw.core.dispatch.Dispatcher;
import io.gomsggw.core.dispatch.StatusListener;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.store.OwedReport;
import io.gomsggw.core.store.OwedReportStore;
import io.gomsggw.mm4.codec.DeliveryReport;
import io.gomsggw.mm4.codec.Mm4Address;
import io.gomsggw.mm4.codec.Mm4Message;
import io.gomsggw.mm4.codec.Mm4Writer;
import io.gomsggw.mm4.codec.MmStatus;
import io.gomsggw.mm4.gateway.Mm4Replies.Outcome;
import io.gomsggw.mm4.outbound.Mm4Sender;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends an {@code MM4_delivery_report.REQ} to the PBX that sent an MMS by MM4 with
 * {@code X-Mms-Delivery-Report: Yes}, once the message is final: {@code Retrieved} when delivered,
 * {@code Rejected} when the recipient opted out, {@code Unreachable} for any other failure, with the
 * reason as {@code X-Mms-Status-Text}. It names the PBX's own {@code X-Mms-Message-ID}; its transaction
 * id is our message id with {@code -dr}.
 *
 * <p><b>Nothing lost:</b> from the moment the message turns final the report is kept in the
 * {@link OwedReportStore} (written behind, many per write) until the PBX's SMTP server takes it
 * ({@code 250}), refuses it ({@code 5xx}), or it is given up. While the PBX cannot be reached (or answers
 * {@code 4xx}) the report is tried again, {@code MM4_RETRIES} times at the base delay and then at doubling
 * delays of at most {@link Dispatcher#MAX_RETRY_DELAY}, until the PBX's delivery window (its
 * {@code delivery_window_hours}, else {@code DELIVERY_WINDOW_HOURS}) counted from the final status ends. A
 * node that starts, or takes a dead node's work over, sends the reports it finds kept ({@link #resume}).
 * A report the PBX took just before the node was killed may be sent again after the restart, with the same
 * transaction id. Bounded: beyond {@link #MAX_WAITING} reports on their way, a new one is tried once and not
 * kept (with a WARN line).
 *
 * <p><b>Threading:</b> thread-safe. {@link #onStatus} is called on dispatcher threads and does not block;
 * {@link #resume} blocks on the store.
 */
public final class DeliveryReports implements StatusListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DeliveryReports.class);
    /** Reports on their way (waiting for the PBX) at most; beyond, new ones are tried once and not kept. */
    public static final int MAX_WAITING = 100_000;

    private static final int WRITER_CAPACITY = 10_000;
    private static final int WRITER_BATCH = 500;

    private final LongFunction<Optional<Client>> clients;
    private final Mm4Replies replies;
    private final Mm4GatewaySettings settings;
    private final OwedReportStore store;
    private final String owner;
    private final DeliveryWindows windows;
    private final Clock clock;
    private final BatchingWriter<OwedReportStore.Change> writer;
    private final Map<String, OwedReport> waiting = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * @param clients looks a client up by id (the directory)
     * @param store   where the reports are kept until sent
     * @param owner   this node's {@code SERVER_ID} on a database other nodes may share, else null
     * @param windows how long a PBX's reports are tried
     */
    public DeliveryReports(
            Mm4Sender sender,
            Mm4Writer writer,
            Mm4GatewaySettings settings,
            LongFunction<Optional<Client>> clients,
            OwedReportStore store,
            String owner,
            DeliveryWindows windows,
            Clock clock) {
        this.clients = clients;
        this.replies = new Mm4Replies(sender, writer, settings);
        this.settings = settings;
        this.store = store;
        this.owner = owner;
        this.windows = windows;
        this.clock = clock;
        this.writer = new BatchingWriter<>("mm4-reports", WRITER_CAPACITY, WRITER_BATCH, store::writeAll);
    }

    @Override
    public void onStatus(Message message, StatusChange change) {
        if (message.ingress() != Protocol.MM4
                || message.clientId() == null
                || !change.status().isFinal()) {
            return;
        }
        Optional<String> pbxMessageId = ExternalRefs.reportFor(message.externalRef());
        if (pbxMessageId.isEmpty()) {
            return;
        }
        OwedReport report = new OwedReport(
                message.id(),
                message.clientId(),
                owner,
                pbxMessageId.get(),
                message.from(),
                message.to(),
                change.status(),
                change.status() == MessageStatus.FAILED ? change.reason() : null,
                change.at());
        if (waiting.size() >= MAX_WAITING) {
            log.warn(
                    "mm4 delivery report tried once, not kept: {} reports are waiting id={}",
                    MAX_WAITING,
                    report.messageId());
            attempt(report, 1, false);
            return;
        }
        if (waiting.putIfAbsent(report.messageId(), report) == null) {
            write(new OwedReportStore.Keep(report));
            attempt(report, 1, true);
        }
    }

    /**
     * Sends the reports this node owes that are not on their way yet: those a previous run left, and
     * those taken over from a dead node. Blocks on the store; call it once the node serves.
     */
    public void resume() {
        List<OwedReport> owed = store.ownedBy(owner);
        int resumed = 0;
        for (OwedReport report : owed) {
            if (waiting.putIfAbsent(report.messageId(), report) == null) {
                resumed++;
                attempt(report, 1, true);
            }
        }
        if (resumed > 0) {
            log.info("mm4 delivery reports resumed count={}", resumed);
        }
    }

    /** How many reports are on their way to PBXs. */
    public int waiting() {
        return waiting.size();
    }

    private void attempt(OwedReport report, int attempt, boolean kept) {
        if (closed) {
            return;
        }
        Optional<Client> pbx = clients.apply(report.clientId());
        if (pbx.isEmpty()) {
            log.info(
                    "mm4 delivery report dropped: client {} no longer exists id={}",
                    report.clientId(),
                    report.messageId());
            forget(report, kept);
            return;
        }
        CompletableFuture<Outcome> sent;
        try {
            sent = replies.sendOnce(pbx.get(), message(report)).toCompletableFuture();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((outcome, error) -> {
            if (error == null && outcome != Outcome.TRY_LATER) {
                forget(report, kept);
            } else if (kept) {
                retryLater(report, attempt, pbx.get());
            } else {
                log.info(
                        "mm4 delivery report not delivered id={} client={}",
                        report.messageId(),
                        pbx.get().username());
            }
        });
    }

    private void retryLater(OwedReport report, int attemptsMade, Client pbx) {
        Instant now = clock.instant();
        Instant due = windows.nextAttempt(
                report.doneAt(),
                attemptsMade,
                pbx,
                settings.retryPolicy(),
                now,
                ThreadLocalRandom.current()::nextDouble);
        if (due == null) {
            log.warn(
                    "mm4 delivery report given up after {} attempts: delivery window of {} ended id={} client={}",
                    attemptsMade,
                    windows.of(pbx),
                    report.messageId(),
                    pbx.username());
            forget(report, true);
            return;
        }
        long millis = Math.max(1, Duration.between(now, due).toMillis());
        CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS)
                .execute(() -> attempt(report, attemptsMade + 1, true));
    }

    private void forget(OwedReport report, boolean kept) {
        if (kept) {
            waiting.remove(report.messageId());
            write(new OwedReportStore.Drop(report.messageId()));
        }
    }

    private void write(OwedReportStore.Change change) {
        writer.submit(change).whenComplete((ignored, error) -> {
            if (error != null && !closed) {
                log.warn("mm4 delivery report not recorded change={} error={}", change, error.toString());
            }
        });
    }

    private Mm4Message message(OwedReport report) {
        MmStatus status = report.status() == MessageStatus.DELIVERED
                ? MmStatus.RETRIEVED
                : report.reason() != null && report.reason().startsWith(Dispatcher.OPTED_OUT)
                        ? MmStatus.REJECTED
                        : MmStatus.UNREACHABLE;
        return new DeliveryReport(
                Mm4Message.CURRENT_VERSION,
                report.messageId() + "-dr",
                "<" + report.clientMessageId() + ">",
                Mm4Address.plmn(report.to(), settings.messageIdHost()),
                Mm4Address.plmn(report.from()),
                Optional.of(report.doneAt()),
                status,
                Optional.ofNullable(report.reason()),
                false,
                Optional.of(settings.originatorSystem()));
    }

    /**
     * Stops sending; the changes queued are written. A report taken by its PBX while the node stops may stay
     * kept, and then comes again after the next start.
     */
    @Override
    public void close() {
        closed = true;
        writer.close();
    }
}
