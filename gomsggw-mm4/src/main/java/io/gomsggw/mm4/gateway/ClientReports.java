package io.gomsggw.mm4.gateway;

import io.gomsggw.core.admin.DirectorySnapshot;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.pipeline.MessagePipeline;
import io.gomsggw.mm4.codec.DeliveryReport;
import io.gomsggw.mm4.codec.ForwardResponse;
import io.gomsggw.mm4.codec.MmStatus;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What a PBX reports about the MMS the gateway forwarded to it: its {@code MM4_forward.RES} ({@code Ok}
 * makes the message delivered, an error status fails it with the status and its text) and its
 * {@code MM4_delivery_report.REQ} ({@code Retrieved} delivered; {@code Rejected}, {@code Expired},
 * {@code Unreachable}, {@code Unrecognised} failed; {@code Deferred}, {@code Indeterminate},
 * {@code Forwarded} change nothing). A report names the message by our transaction or message id
 * ({@link Mm4Ids}); it may only touch a message delivered to the reporting PBX (or of which it is a
 * failover), anything else is unknown to it.
 */
final class ClientReports {
    private final MessagePipeline pipeline;
    private final Supplier<DirectorySnapshot> directory;
    private final Mm4Ids ids;

    ClientReports(MessagePipeline pipeline, Supplier<DirectorySnapshot> directory, Mm4Ids ids) {
        this.pipeline = pipeline;
        this.directory = directory;
        this.ids = ids;
    }

    /** Applies the response; completes with the message as it is afterwards, empty when unknown to the PBX. */
    CompletionStage<Optional<Message>> response(List<Client> reporters, ForwardResponse response) {
        String reason = response.status().isOk()
                ? null
                : response.status().wireText()
                        + response.statusText().map(t -> ": " + t).orElse("");
        return apply(
                reporters,
                response.transactionId(),
                response.bareMessageId(),
                response.status().isOk() ? MessageStatus.DELIVERED : MessageStatus.FAILED,
                reason);
    }

    /**
     * Applies the report; completes with whether it was taken: false when it names a message unknown to the
     * PBX (answered {@code Error-message-not-found}). A status that changes nothing is taken as it is.
     */
    CompletionStage<Boolean> deliveryReport(List<Client> reporters, DeliveryReport report) {
        Optional<MessageStatus> status = statusOf(report.mmStatus());
        if (status.isEmpty()) {
            return CompletableFuture.completedFuture(true);
        }
        String reason = status.get() == MessageStatus.FAILED
                ? "MM4 delivery report: " + report.mmStatus().wireText()
                        + report.statusText().map(t -> ": " + t).orElse("")
                : null;
        return apply(reporters, report.transactionId(), report.bareMessageId(), status.get(), reason)
                .thenApply(Optional::isPresent);
    }

    static Optional<MessageStatus> statusOf(MmStatus status) {
        return switch (status) {
            case RETRIEVED -> Optional.of(MessageStatus.DELIVERED);
            case REJECTED, EXPIRED, UNREACHABLE, UNRECOGNISED -> Optional.of(MessageStatus.FAILED);
            case DEFERRED, INDETERMINATE, FORWARDED -> Optional.empty();
        };
    }

    private CompletionStage<Optional<Message>> apply(
            List<Client> reporters, String transactionId, String bareMessageId, MessageStatus status, String reason) {
        Optional<String> id = ids.ourMessageId(transactionId, bareMessageId);
        if (id.isEmpty()) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        return pipeline.applyClientStatus(id.get(), mayReport(reporters), status, reason);
    }

    /** Whether one of {@code reporters} received the message: its target, or a failover of its target. */
    private Predicate<Message> mayReport(List<Client> reporters) {
        DirectorySnapshot snapshot = directory.get();
        return message -> {
            Long target = message.targetClientId();
            if (target == null) {
                return false;
            }
            for (Client reporter : reporters) {
                if (reporter.id() == target
                        || snapshot.failoversOf(target).stream().anyMatch(f -> f.fallbackClientId() == reporter.id())) {
                    return true;
                }
            }
            return false;
        };
    }
}
