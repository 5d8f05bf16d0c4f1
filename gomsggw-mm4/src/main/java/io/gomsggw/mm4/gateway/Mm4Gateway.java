package io.gomsggw.mm4.gateway;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.dispatch.StatusListener;
import io.gomsggw.core.metrics.GatewayMetrics;
import io.gomsggw.core.net.HostResolver;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.pipeline.MessagePipeline;
import io.gomsggw.core.security.LoginThrottle;
import io.gomsggw.mm4.codec.Mm4Parser;
import io.gomsggw.mm4.codec.Mm4Writer;
import io.gomsggw.mm4.outbound.Mm4Sender;
import io.gomsggw.mm4.smtp.MailReceiver;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound MM4 bridge of one node, assembled: the {@link MailReceiver} for the SMTP server, the delivery
 * reports to PBXs (built and closed by the caller: they must outlive the pipeline), and the open sessions for
 * {@code /stats}. (The {@link Mm4Egress} toward PBXs is built
 * on its own: the pipeline this needs is built with the egresses.) The clients' addresses are
 * read again (host names resolved on {@code blocking}) at construction and on every directory change; call
 * {@link #refreshSources()} periodically too, so host names whose addresses change are followed.
 */
public final class Mm4Gateway {
    private static final Logger log = LoggerFactory.getLogger(Mm4Gateway.class);

    private final Directory directory;
    private final Mm4Sources sources;
    private final Executor blocking;
    private final Mm4Sessions sessions;
    private final Mm4Receiver receiver;
    private final DeliveryReports deliveryReports;
    private final IngestBudget budget;

    /**
     * @param parsing  where received messages are read and parsed: bounded (its refusal is answered
     *                 {@code 451}); its size bounds the memory messages take while parsed
     * @param blocking where host names of clients' addresses are resolved
     * @param memoryBudget how many bytes of received messages may be on their way through the node at once
     *                 (from parsing until handed over); beyond, messages wait up to a minute, then {@code 451}
     */
    public Mm4Gateway(
            Directory directory,
            MessagePipeline pipeline,
            PhoneNumbers phones,
            Mm4Sender sender,
            Mm4Writer writer,
            Mm4Parser parser,
            Mm4GatewaySettings settings,
            DeliveryReports deliveryReports,
            LoginThrottle throttle,
            HostResolver resolver,
            Executor parsing,
            Executor blocking,
            long memoryBudget,
            GatewayMetrics metrics,
            Clock clock) {
        this.directory = directory;
        this.sources = new Mm4Sources(resolver);
        this.blocking = blocking;
        this.sessions = new Mm4Sessions(clock);
        Mm4Replies replies = new Mm4Replies(sender, writer, settings);
        this.budget = new IngestBudget(memoryBudget, Duration.ofMinutes(1));
        metrics.gauge("gomsggw_mm4_ingest_bytes", budget::used);
        this.receiver = new Mm4Receiver(
                sources,
                throttle,
                parser,
                new ForwardIngest(pipeline, directory::snapshot, phones),
                new ClientReports(pipeline, directory::snapshot, new Mm4Ids(settings.messageIdHost())),
                replies,
                sessions,
                settings,
                parsing,
                budget,
                metrics,
                clock);
        this.deliveryReports = deliveryReports;
        sources.refresh(directory.snapshot());
        directory.addListener(snapshot -> refreshSources());
    }

    /** Reads the clients' addresses again and resolves their host names, on the blocking executor. */
    public void refreshSources() {
        try {
            blocking.execute(() -> {
                try {
                    sources.refresh(directory.snapshot());
                } catch (RuntimeException e) {
                    log.warn("mm4 client addresses not refreshed error={}", e.toString());
                }
            });
        } catch (RejectedExecutionException e) {
            log.info("mm4 client addresses not refreshed now: executor busy");
        }
    }

    /** What the SMTP server calls. */
    public MailReceiver<Mm4Peer> receiver() {
        return receiver;
    }

    /**
     * Sends delivery reports to PBXs that asked for them and gives back the memory budget of messages handed
     * over; add it to the message journal's listeners.
     */
    public StatusListener statusListener() {
        return (message, change) -> {
            budget.onStatus(message, change);
            deliveryReports.onStatus(message, change);
        };
    }

    /** The open MM4 connections, for {@code /stats}. */
    public Mm4Sessions sessions() {
        return sessions;
    }
}
