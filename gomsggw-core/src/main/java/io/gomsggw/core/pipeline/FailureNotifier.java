package io.gomsggw.core.pipeline;

import io.gomsggw.core.dispatch.StatusListener;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageIds;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.StatusChange;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code NOTIFY_SENDER_ON_FAILURE}: when a legacy client's message finally fails (or is given up as
 * {@code undelivered}), the client gets a
 * short SMS notice from the recipient's number to its own, as the Go gateway sends. Web clients
 * learn the same from their status webhook instead. Notices never cause notices.
 */
public final class FailureNotifier implements StatusListener {
    /** The {@code external_ref} that marks a notice. */
    public static final String NOTICE_REF = "failure-notice";

    private static final Logger log = LoggerFactory.getLogger(FailureNotifier.class);
    private static final int MAX_REASON = 100;

    private final MessagePipeline pipeline;
    private final LongFunction<Optional<Client>> clients;
    private final Clock clock;
    private final String serverId;

    public FailureNotifier(
            MessagePipeline pipeline, LongFunction<Optional<Client>> clients, Clock clock, String serverId) {
        this.pipeline = pipeline;
        this.clients = clients;
        this.clock = clock;
        this.serverId = serverId;
    }

    @Override
    public void onStatus(Message message, StatusChange change) {
        if ((change.status() != MessageStatus.FAILED && change.status() != MessageStatus.UNDELIVERED)
                || message.direction() != Direction.OUTBOUND
                || message.clientId() == null
                || NOTICE_REF.equals(message.externalRef())) {
            return;
        }
        Optional<Client> sender = clients.apply(message.clientId());
        if (sender.isEmpty() || sender.get().type() != ClientType.LEGACY) {
            return;
        }
        String reason = change.reason() == null ? "unknown error" : change.reason();
        if (reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON) + "…";
        }
        Instant now = clock.instant();
        Message notice = Message.builder()
                .id(MessageIds.next(clock))
                .type(MessageType.SMS)
                .direction(Direction.INBOUND)
                .from(message.to())
                .to(message.from())
                .text("Message to " + message.to()
                        + (change.status() == MessageStatus.UNDELIVERED ? " undelivered: " : " failed: ") + reason)
                .ingress(message.ingress())
                .targetClientId(sender.get().id())
                .status(MessageStatus.QUEUED)
                .serverId(serverId)
                .createdAt(now)
                .externalRef(NOTICE_REF)
                .build();
        pipeline.inject(notice).whenComplete((stored, error) -> {
            if (error != null) {
                log.warn("failure notice not stored id={} error={}", message.id(), error.toString());
            }
        });
    }
}
