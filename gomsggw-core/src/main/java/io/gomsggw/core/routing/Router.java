package io.gomsggw.core.routing;

import io.gomsggw.core.limits.Admission;
import io.gomsggw.core.limits.UsageLimiter;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.Direction;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageIds;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.MessageType;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.phone.InvalidPhoneNumberException;
import io.gomsggw.core.phone.PhoneNumbers;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Decides where a message goes and whether it may.
 *
 * <p><b>From a client:</b> the sender must own the {@code from} number. A {@code to} owned by a
 * client is delivered internally to that client; anything else leaves by the carrier of the
 * sender's number. A recipient who sent STOP to the sender's number is refused unless the number
 * has {@code ignore_stop_cmd_sending}. Usage limits are counted for the sender (outbound) and, for
 * internal delivery, for the recipient (inbound, when it counts inbound).
 *
 * <p><b>From a carrier:</b> the client owning {@code to} receives it; an unknown {@code to} is
 * recorded as failed {@code no_route}. STOP and START keywords change the opt-out state (and are
 * still delivered); an enabled auto-reply answers instead of delivering.
 *
 * <p>Threading: thread-safe. May read stores on a cache miss (limits, opt-outs): call from blocking
 * workers.
 */
public final class Router {
    private final RoutingTable table;
    private final PhoneNumbers phones;
    private final UsageLimiter limiter;
    private final OptOutRegistry optOuts;
    private final AutoReplier autoReplier;
    private final Clock clock;
    private final String serverId;

    public Router(
            RoutingTable table,
            PhoneNumbers phones,
            UsageLimiter limiter,
            OptOutRegistry optOuts,
            AutoReplier autoReplier,
            Clock clock,
            String serverId) {
        this.table = table;
        this.phones = phones;
        this.limiter = limiter;
        this.optOuts = optOuts;
        this.autoReplier = autoReplier;
        this.clock = clock;
        this.serverId = serverId;
    }

    /**
     * Readies what routing many messages from {@code from} to {@code to} will look up (whether
     * each recipient opted out), in one store read instead of one per message. Numbers that do
     * not normalize are left out: routing refuses them anyway.
     */
    public void prepare(String from, Collection<String> to) {
        String number = phones.normalizeOrNull(from);
        if (number == null) {
            return;
        }
        List<String> parties = new ArrayList<>(to.size());
        for (String raw : to) {
            String party = phones.normalizeOrNull(raw);
            if (party != null) {
                parties.add(party);
            }
        }
        optOuts.prefetch(number, parties);
    }

    /** Routes a message an authenticated client sent. */
    public RouteResult fromClient(Client sender, Submission submission) {
        String from;
        String to;
        try {
            from = phones.normalize(submission.from());
        } catch (InvalidPhoneNumberException e) {
            return new RouteResult.Refused(new Refusal.InvalidNumber("from", submission.from(), e.getMessage()));
        }
        try {
            to = phones.normalize(submission.to());
        } catch (InvalidPhoneNumberException e) {
            return new RouteResult.Refused(new Refusal.InvalidNumber("to", submission.to(), e.getMessage()));
        }
        Optional<ClientNumber> own = table.number(from);
        if (own.isEmpty() || own.get().clientId() != sender.id()) {
            return new RouteResult.Refused(new Refusal.NotYourNumber(from));
        }
        ClientNumber fromNumber = own.get();
        Optional<ClientNumber> recipientNumber = table.number(to);
        Optional<Client> recipient = recipientNumber.flatMap(n -> table.client(n.clientId()));
        String carrier = null;
        if (recipient.isEmpty()) {
            carrier = fromNumber.carrier();
            if (carrier == null || carrier.isBlank()) {
                return new RouteResult.Refused(new Refusal.NoCarrier(from));
            }
        }
        if (!fromNumber.ignoreStopCmdSending() && optOuts.isOptedOut(from, to)) {
            return new RouteResult.Refused(new Refusal.OptedOut(from, to));
        }
        MessageType type = submission.type();
        Admission senderAdmission = limiter.admit(sender, fromNumber, type, Direction.OUTBOUND);
        if (senderAdmission instanceof Admission.Refused refused) {
            return new RouteResult.Refused(new Refusal.Limited(refused.reason()));
        }
        Admission.Granted granted = (Admission.Granted) senderAdmission;
        if (recipient.isPresent()) {
            Admission recipientAdmission =
                    limiter.admit(recipient.get(), recipientNumber.get(), type, Direction.INBOUND);
            if (recipientAdmission instanceof Admission.Refused refused) {
                granted.release();
                return new RouteResult.Refused(new Refusal.Limited(refused.reason()));
            }
            Admission.Granted recipientGranted = (Admission.Granted) recipientAdmission;
            Admission.Granted senderGranted = granted;
            granted = new Admission.Granted(() -> {
                senderGranted.release();
                recipientGranted.release();
            });
        }
        Message message = newMessage(
                        type,
                        Direction.OUTBOUND,
                        from,
                        to,
                        submission.text(),
                        submission.media(),
                        submission.ingress(),
                        sender.id(),
                        recipient.map(Client::id).orElse(null),
                        carrier)
                .externalRef(submission.externalRef())
                .id(submission.id() != null ? submission.id() : MessageIds.next(clock))
                .build();
        return new RouteResult.Routed(message, granted);
    }

    /**
     * Routes a message from a carrier. Never refuses: what cannot be delivered is recorded final
     * with its reason, and the carrier still gets its 2xx.
     */
    public InboundRoute fromCarrier(
            String carrierName,
            String rawFrom,
            String rawTo,
            String text,
            List<MediaPart> media,
            String carrierMessageId) {
        String from = Optional.ofNullable(phones.normalizeOrNull(rawFrom)).orElse(rawFrom == null ? "" : rawFrom);
        String toNormalized = phones.normalizeOrNull(rawTo);
        String to = toNormalized != null ? toNormalized : rawTo == null ? "" : rawTo;
        MessageType type = media == null || media.isEmpty() ? MessageType.SMS : MessageType.MMS;
        Message.Builder inbound = newMessage(
                        type, Direction.INBOUND, from, to, text, media, Protocol.CARRIER, null, null, carrierName)
                .carrierMessageId(carrierMessageId);

        Optional<ClientNumber> number = toNormalized == null ? Optional.empty() : table.number(toNormalized);
        Optional<Client> owner = number.flatMap(n -> table.client(n.clientId()));
        if (owner.isEmpty()) {
            return new InboundRoute(
                    inbound.status(MessageStatus.FAILED).lastError("no_route").build(), List.of());
        }
        ClientNumber clientNumber = number.get();
        Client client = owner.get();
        inbound.targetClientId(client.id());

        if (Keywords.isStop(text)) {
            optOuts.optOut(clientNumber.number(), from);
        } else if (Keywords.isStart(text)) {
            optOuts.optIn(clientNumber.number(), from);
        }
        if (limiter.admit(client, clientNumber, type, Direction.INBOUND) instanceof Admission.Refused refused) {
            return new InboundRoute(
                    inbound.status(MessageStatus.FAILED)
                            .lastError("limit_exceeded: " + refused.reason().message())
                            .build(),
                    List.of());
        }
        if (!Keywords.isStop(text) && !optOuts.isOptedOut(clientNumber.number(), from)) {
            Optional<String> reply = autoReplier.replyFor(clientNumber, from);
            if (reply.isPresent()) {
                Message answer = newMessage(
                                MessageType.SMS,
                                Direction.OUTBOUND,
                                clientNumber.number(),
                                from,
                                reply.get(),
                                List.of(),
                                Protocol.CARRIER,
                                client.id(),
                                null,
                                clientNumber.carrier())
                        .build();
                return new InboundRoute(
                        inbound.status(MessageStatus.DELIVERED)
                                .lastError("auto_replied")
                                .build(),
                        List.of(answer));
            }
        }
        return new InboundRoute(inbound.build(), List.of());
    }

    private Message.Builder newMessage(
            MessageType type,
            Direction direction,
            String from,
            String to,
            String text,
            List<MediaPart> media,
            Protocol ingress,
            Long clientId,
            Long targetClientId,
            String carrier) {
        Instant now = clock.instant();
        return Message.builder()
                .id(MessageIds.next(clock))
                .type(type)
                .direction(direction)
                .from(from)
                .to(to)
                .text(text)
                .media(media)
                .ingress(ingress)
                .clientId(clientId)
                .targetClientId(targetClientId)
                .carrier(carrier)
                .status(MessageStatus.QUEUED)
                .serverId(serverId)
                .createdAt(now)
                .updatedAt(now);
    }
}
