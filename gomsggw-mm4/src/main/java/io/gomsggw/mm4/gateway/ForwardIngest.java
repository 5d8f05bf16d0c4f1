package io.gomsggw.mm4.gateway;

import io.gomsggw.core.admin.DirectorySnapshot;
import io.gomsggw.core.dispatch.QueueFullException;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.pipeline.MessagePipeline;
import io.gomsggw.core.pipeline.SubmitResult;
import io.gomsggw.core.routing.Refusal;
import io.gomsggw.core.routing.Submission;
import io.gomsggw.mm4.codec.ForwardRequest;
import io.gomsggw.mm4.codec.Mm4Address;
import io.gomsggw.mm4.codec.Mm4Part;
import io.gomsggw.mm4.codec.RequestStatus;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Turns an {@code MM4_forward.REQ} into one MMS per recipient in the pipeline.
 *
 * <p>Before anything is stored, the sender must be a number of the PBX (else {@code 550} and
 * {@code Error-service-denied}) and every recipient a phone number (else {@code 554}). Recipients are then
 * submitted one after the other. Each gets an id derived from the PBX, the request's message id and date
 * and the recipient's place: a request the PBX sends again (after a {@code 451}, or a lost {@code 250}) finds
 * the messages already stored and stores nothing twice. So a {@code 451} half-way (the node pushes back, a
 * limit) loses nothing and duplicates nothing.
 */
final class ForwardIngest {
    private final MessagePipeline pipeline;
    private final Supplier<DirectorySnapshot> directory;
    private final PhoneNumbers phones;

    ForwardIngest(MessagePipeline pipeline, Supplier<DirectorySnapshot> directory, PhoneNumbers phones) {
        this.pipeline = pipeline;
        this.directory = directory;
        this.phones = phones;
    }

    /** The client among {@code candidates} that owns the request's sender number, if any. */
    Optional<Client> sender(List<Client> candidates, ForwardRequest request) {
        return owner(candidates, request.from().number());
    }

    /** The client among {@code candidates} that owns {@code number} (as written), if any. */
    Optional<Client> owner(List<Client> candidates, String number) {
        String e164 = phones.normalizeOrNull(number);
        if (e164 == null) {
            return Optional.empty();
        }
        Optional<ClientNumber> owned = directory.get().number(e164);
        return owned.flatMap(
                n -> candidates.stream().filter(c -> c.id() == n.clientId()).findFirst());
    }

    /** Stores the request's messages; the stage completes with the answer, never exceptionally. */
    CompletionStage<InboundAnswer> ingest(List<Client> candidates, ForwardRequest request, IngestBudget.Hold hold) {
        Optional<Client> sender = sender(candidates, request);
        if (sender.isEmpty()) {
            return done(InboundAnswer.denied(request.from().number() + " is not one of your numbers"));
        }
        for (Mm4Address recipient : request.recipients()) {
            if (phones.normalizeOrNull(recipient.number()) == null) {
                return done(InboundAnswer.refused(
                        RequestStatus.ERROR_UNSPECIFIED, "recipient " + recipient.number() + " is not a phone number"));
            }
        }
        List<MediaPart> media =
                request.media().stream().map(ForwardIngest::mediaPart).toList();
        String text = request.text().isBlank() ? request.subject().orElse("") : request.text();
        String reference = ExternalRefs.of(request);
        return submit(sender.get(), request, text, media, reference, hold, 0, new ArrayList<>(), 0);
    }

    private CompletionStage<InboundAnswer> submit(
            Client sender,
            ForwardRequest request,
            String text,
            List<MediaPart> media,
            String reference,
            IngestBudget.Hold hold,
            int index,
            List<String> refusals,
            int stored) {
        if (index == request.recipients().size()) {
            String what = "stored for " + stored + " of " + request.recipients().size() + " recipients";
            if (stored == 0) {
                return done(InboundAnswer.refused(RequestStatus.ERROR_SERVICE_DENIED, String.join("; ", refusals)));
            }
            return done(
                    refusals.isEmpty()
                            ? InboundAnswer.stored("message " + what)
                            : InboundAnswer.storedExcept("message " + what, String.join("; ", refusals)));
        }
        String to = request.recipients().get(index).number();
        String id = idFor(sender, request, index);
        Submission submission =
                new Submission(request.from().number(), to, text, media, Protocol.MM4, reference, id, true);
        hold.track(id); // before it is stored: it may be delivered before the submission completes
        return pipeline.submit(sender, submission)
                .handle((result, failure) -> {
                    if (!(result instanceof SubmitResult.Accepted)) {
                        hold.untrack(id);
                    }
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause()
                                : failure;
                        return done(InboundAnswer.tryLater(
                                cause instanceof QueueFullException
                                        ? "gateway busy, try again later"
                                        : "message not stored, try again later"));
                    }
                    if (result instanceof SubmitResult.Refused refused) {
                        Refusal refusal = refused.refusal();
                        if (refusal instanceof Refusal.Limited limited) {
                            return done(InboundAnswer.tryLater(
                                    "limit reached: " + limited.limit().limitType()));
                        }
                        if (refusal instanceof Refusal.NotYourNumber) {
                            return done(InboundAnswer.denied(request.from().number() + " is not one of your numbers"));
                        }
                        refusals.add(to + ": " + describe(refusal));
                        return submit(sender, request, text, media, reference, hold, index + 1, refusals, stored);
                    }
                    return submit(sender, request, text, media, reference, hold, index + 1, refusals, stored + 1);
                })
                .thenCompose(next -> next);
    }

    private static String describe(Refusal refusal) {
        if (refusal instanceof Refusal.OptedOut) {
            return "recipient opted out";
        }
        if (refusal instanceof Refusal.NoCarrier) {
            return "no route to the recipient";
        }
        if (refusal instanceof Refusal.InvalidNumber invalid) {
            return invalid.reason();
        }
        return refusal.getClass().getSimpleName();
    }

    private static MediaPart mediaPart(Mm4Part part) {
        return new MediaPart(part.filename(), part.contentType(), part.content());
    }

    /**
     * The same id each time the same request reaches the same recipient: shaped as a UUID version 7 whose
     * time is the request's date (so ids still sort roughly by time), the rest from a SHA-256 of the
     * PBX, the message id, the date and the recipient's place.
     */
    static String idFor(Client sender, ForwardRequest request, int index) {
        long millis = request.date().map(d -> d.toEpochMilli()).orElse(0L);
        byte[] hash;
        try {
            hash = MessageDigest.getInstance("SHA-256")
                    .digest((sender.id() + "\n" + request.bareMessageId() + "\n"
                                    + request.transactionId() + "\n" + millis + "\n" + index + "\n"
                                    + request.recipients().get(index).number())
                            .getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
        ByteBuffer random = ByteBuffer.wrap(hash);
        long high = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | (random.getShort() & 0x0FFFL);
        long low = 0x8000_0000_0000_0000L | (random.getLong() & 0x3FFF_FFFF_FFFF_FFFFL);
        return new UUID(high, low).toString();
    }

    private static CompletionStage<InboundAnswer> done(InboundAnswer answer) {
        return CompletableFuture.completedFuture(answer);
    }
}
