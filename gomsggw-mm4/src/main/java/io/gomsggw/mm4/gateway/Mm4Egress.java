package io.gomsggw.mm4.gateway;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.net.ClientAddress;
import io.gomsggw.core.spi.ClientEgress;
import io.gomsggw.core.spi.RetryPolicy;
import io.gomsggw.core.spi.SendOutcome;
import io.gomsggw.mm4.codec.Mm4Writer;
import io.gomsggw.mm4.outbound.Mm4Sender;
import io.gomsggw.mm4.outbound.SendResult;
import io.gomsggw.mm4.outbound.SmtpEnvelope;
import io.gomsggw.mm4.outbound.SmtpTarget;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers MMS to legacy clients (PBXs) as {@code MM4_forward.REQ} over SMTP to the host and port their
 * {@code address} names ({@link ClientAddress#deliveryTarget}, port 25 when none is written).
 *
 * <p><b>Which messages:</b> MMS only, and only to a legacy client whose address names a delivery target
 * (an IP address or a host name, not only {@code *} or CIDR blocks). Everything else is left to the egresses
 * after this one: SMS, and MMS for a client without an MM4 address, go over SMPP as text with media links.
 *
 * <p><b>Outcomes:</b> the PBX's {@code 250} after the data hands the message over: it is {@code sent}
 * ({@link SendOutcome.Accepted#confirmedLater()}) until the PBX's {@code MM4_forward.RES} makes it delivered
 * or failed. {@code 4xx} replies, connection failures and timeouts are retried ({@code MM4_RETRIES}, then
 * failover clients as for SMPP); {@code 5xx} replies refuse the message with the PBX's reply. Media is fitted
 * to the client's own {@code mms_max_bytes}, else {@code MMS_MAX_SIZE}, by the dispatcher before it gets here
 * ({@link #maxMmsBytes}).
 *
 * <p><b>Threading:</b> thread-safe; {@link #deliver} builds the MIME message on the caller's thread and the
 * SMTP conversation runs on the {@link Mm4Sender}'s executor.
 */
public final class Mm4Egress implements ClientEgress {
    private static final Logger log = LoggerFactory.getLogger(Mm4Egress.class);

    private final Mm4Sender sender;
    private final Mm4Writer writer;
    private final Mm4GatewaySettings settings;
    private final ForwardRequests requests;

    public Mm4Egress(Mm4Sender sender, Mm4Writer writer, Mm4GatewaySettings settings) {
        this.sender = sender;
        this.writer = writer;
        this.settings = settings;
        this.requests = new ForwardRequests(settings);
    }

    @Override
    public String channel() {
        return "mm4";
    }

    @Override
    public boolean accepts(Client client) {
        return client.type() == ClientType.LEGACY && target(client).isPresent();
    }

    @Override
    public boolean accepts(Client client, Message message) {
        return message.type() == MessageType.MMS && accepts(client);
    }

    @Override
    public CompletionStage<SendOutcome> deliver(Client client, Message message) {
        Optional<SmtpTarget> target = target(client);
        if (target.isEmpty()) {
            return CompletableFuture.completedFuture(
                    new SendOutcome.Rejected("client " + client.username() + " has no MM4 address"));
        }
        SmtpTarget to = target.get();
        var request = requests.of(message, to.host());
        SmtpEnvelope envelope = new SmtpEnvelope(
                request.from().toHeaderValue(),
                List.of(request.recipients().get(0).toHeaderValue()));
        return sender.send(to, envelope, writer.toMimeMessage(request)).thenApply(result -> {
            String where = to.host() + ":" + to.port();
            if (result instanceof SendResult.Accepted) {
                log.debug("mm4 handed over id={} client={} target={}", message.id(), client.username(), where);
                return new SendOutcome.Accepted(null, true);
            }
            if (result instanceof SendResult.PermanentFailure refused) {
                return new SendOutcome.Rejected("MM4 refused by " + where + ": " + refused.reply());
            }
            return new SendOutcome.Retryable("MM4 to " + where + ": " + result.reply());
        });
    }

    @Override
    public OptionalLong maxMmsBytes(Client client) {
        Long own = client.settings().mmsMaxBytes();
        return OptionalLong.of(own != null ? own : settings.maxMmsBytes());
    }

    @Override
    public RetryPolicy retryPolicy(Client client) {
        return settings.retryPolicy();
    }

    /** Where MM4 for {@code client} goes; empty when its address names no single host or is not readable. */
    static Optional<SmtpTarget> target(Client client) {
        if (client.address() == null) {
            return Optional.empty();
        }
        try {
            return ClientAddress.parse(client.address())
                    .deliveryTarget(ClientAddress.DEFAULT_MM4_PORT)
                    .map(SmtpTarget::of);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
