package io.gomsggw.mm4.gateway;

import io.gomsggw.core.dispatch.Dispatcher;
import io.gomsggw.core.dispatch.StatusListener;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.mm4.codec.DeliveryReport;
import io.gomsggw.mm4.codec.Mm4Address;
import io.gomsggw.mm4.codec.Mm4Message;
import io.gomsggw.mm4.codec.MmStatus;
import java.util.Optional;
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
 * <p>The report is sent once (retried per {@code MM4_RETRIES} while the PBX's SMTP server is down), and
 * not persisted: a report still being retried when the node stops is lost. Called on dispatcher threads;
 * does not block.
 */
public final class DeliveryReports implements StatusListener {
    private static final Logger log = LoggerFactory.getLogger(DeliveryReports.class);

    private final LongFunction<Optional<Client>> clients;
    private final Mm4Replies replies;
    private final Mm4GatewaySettings settings;

    DeliveryReports(LongFunction<Optional<Client>> clients, Mm4Replies replies, Mm4GatewaySettings settings) {
        this.clients = clients;
        this.replies = replies;
        this.settings = settings;
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
        Optional<Client> pbx = clients.apply(message.clientId());
        if (pbx.isEmpty()) {
            return;
        }
        try {
            replies.send(pbx.get(), null, Optional.empty(), report(message, change, pbxMessageId.get()));
        } catch (RuntimeException e) {
            log.warn("mm4 delivery report not sent id={} error={}", message.id(), e.toString());
        }
    }

    private Mm4Message report(Message message, StatusChange change, String pbxMessageId) {
        MmStatus status = change.status() == MessageStatus.DELIVERED
                ? MmStatus.RETRIEVED
                : change.reason() != null && change.reason().startsWith(Dispatcher.OPTED_OUT)
                        ? MmStatus.REJECTED
                        : MmStatus.UNREACHABLE;
        Optional<String> text =
                change.status() == MessageStatus.FAILED ? Optional.ofNullable(change.reason()) : Optional.empty();
        return new DeliveryReport(
                Mm4Message.CURRENT_VERSION,
                message.id() + "-dr",
                "<" + pbxMessageId + ">",
                Mm4Address.plmn(message.to(), settings.messageIdHost()),
                Mm4Address.plmn(message.from()),
                Optional.of(change.at()),
                status,
                text,
                false,
                Optional.of(settings.originatorSystem()));
    }
}
