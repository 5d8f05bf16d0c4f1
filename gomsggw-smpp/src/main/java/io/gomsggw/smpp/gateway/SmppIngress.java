package io.gomsggw.smpp.gateway;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.Protocol;
import io.gomsggw.core.pipeline.MessagePipeline;
import io.gomsggw.core.pipeline.SubmitResult;
import io.gomsggw.core.routing.Submission;
import io.gomsggw.core.store.HeldPart;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.smpp.charset.DataCoding;
import io.gomsggw.smpp.charset.TextCodec;
import io.gomsggw.smpp.pdu.Address;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.DataSm;
import io.gomsggw.smpp.pdu.DataSmResp;
import io.gomsggw.smpp.pdu.QuerySm;
import io.gomsggw.smpp.pdu.QuerySmResp;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.SmFields;
import io.gomsggw.smpp.pdu.SubmitSm;
import io.gomsggw.smpp.pdu.SubmitSmResp;
import io.gomsggw.smpp.pdu.Tlvs;
import io.gomsggw.smpp.session.SmppSession;
import io.gomsggw.smpp.text.MessagePart;
import io.gomsggw.smpp.text.MessageParts;
import io.gomsggw.smpp.text.UdhException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages from bound ESMEs into the pipeline: {@code submit_sm} and {@code data_sm} (long
 * messages reassembled first) and {@code query_sm}. A message is answered with its id only after
 * the pipeline stored it; a refusal is answered with the status of {@link RefusalStatus}.
 */
final class SmppIngress {
    private static final Logger log = LoggerFactory.getLogger(SmppIngress.class);

    private final Directory directory;
    private final MessagePipeline pipeline;
    private final MessageStore messages;
    private final Executor blocking;
    private final SmppGatewaySettings settings;
    private final Clock clock;
    private final HeldParts held;
    private final Map<Long, LongMessageAssembly> assemblies = new ConcurrentHashMap<>();
    /** Parts held for every client together. */
    private final AtomicInteger totalParts = new AtomicInteger();

    SmppIngress(
            Directory directory,
            MessagePipeline pipeline,
            MessageStore messages,
            HeldParts held,
            Executor blocking,
            SmppGatewaySettings settings,
            Clock clock) {
        this.directory = directory;
        this.pipeline = pipeline;
        this.messages = messages;
        this.held = held;
        this.blocking = blocking;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Puts back the parts held before a restart (blocking: call it at start). A message already
     * stored (the process stopped after storing it, before releasing its parts) and the parts of
     * a client that no longer exists are released instead.
     */
    void restoreHeldParts() {
        Map<String, List<HeldPart>> byMessage = new LinkedHashMap<>();
        held.store()
                .loadAll()
                .forEach(part -> byMessage
                        .computeIfAbsent(part.messageId(), id -> new ArrayList<>())
                        .add(part));
        int restored = 0;
        for (List<HeldPart> parts : byMessage.values()) {
            HeldPart first = parts.get(0);
            Optional<Client> client = directory.client(first.clientId());
            if (client.isEmpty() || messages.find(first.messageId()).isPresent()) {
                held.release(first.messageId());
                continue;
            }
            assembly(client.get()).restore(parts);
            restored++;
        }
        if (!byMessage.isEmpty()) {
            log.info("smpp held long message parts restored messages={} parts={}", restored, totalParts.get());
        }
    }

    private LongMessageAssembly assembly(Client client) {
        return assemblies.computeIfAbsent(
                client.id(),
                id -> new LongMessageAssembly(
                        id,
                        client.username(),
                        clock,
                        settings.reassemblyTimeout(),
                        settings.maxPendingParts(),
                        held,
                        totalParts,
                        settings.maxTotalParts()));
    }

    CompletionStage<ResponsePdu> onRequest(SmppSession session, RequestPdu request) {
        BoundClient bound = SessionRegistry.clientOf(session);
        Optional<Client> client = directory.client(bound.clientId());
        if (client.isEmpty()) {
            log.warn("smpp client no longer exists, unbinding client={} session={}", bound.username(), session.id());
            session.unbind();
            return done(request.errorResponse(CommandStatus.ESME_RINVBNDSTS));
        }
        if (request instanceof SubmitSm submit) {
            SmFields sm = submit.sm();
            return shortMessage(
                    client.get(),
                    request,
                    sm.source(),
                    sm.destination(),
                    sm.registeredDelivery(),
                    () -> MessageParts.STANDARD.of(sm));
        }
        if (request instanceof DataSm data) {
            return shortMessage(
                    client.get(),
                    request,
                    data.source(),
                    data.destination(),
                    data.registeredDelivery(),
                    () -> MessageParts.STANDARD.of(data));
        }
        if (request instanceof QuerySm query) {
            return query(client.get(), query);
        }
        return done(request.errorResponse(CommandStatus.ESME_RINVCMDID));
    }

    /** Parts of incomplete long messages held, for all clients. */
    int heldParts() {
        return totalParts.get();
    }

    /** Drops long messages whose parts did not all arrive in time. */
    void expireIncomplete() {
        assemblies.values().forEach(LongMessageAssembly::expire);
    }

    private interface PartReader {
        MessagePart read() throws UdhException;
    }

    private CompletionStage<ResponsePdu> shortMessage(
            Client client,
            RequestPdu request,
            Address source,
            Address destination,
            int registeredDelivery,
            PartReader reader) {
        MessagePart part;
        try {
            part = reader.read();
        } catch (UdhException e) {
            log.info(
                    "smpp message refused client={} status={} reason=\"{}\"",
                    client.username(),
                    CommandStatus.ESME_RINVESMCLASS,
                    e.getMessage());
            return done(request.errorResponse(CommandStatus.ESME_RINVESMCLASS));
        }
        String from = SmppAddresses.toNumber(source);
        String to = SmppAddresses.toNumber(destination);
        if (part.concat().isPresent() && part.concat().get().total() > 1) {
            LongMessageAssembly assembly = assembly(client);
            LongMessageAssembly.Step step = assembly.offer(
                    source.address(),
                    destination.address(),
                    part.concat().get(),
                    part.dataCoding(),
                    part.payload(),
                    registeredDelivery);
            if (step instanceof LongMessageAssembly.Full) {
                log.warn(
                        "smpp long message parts refused, too many pending client={} pending_parts={} all_clients={}",
                        client.username(),
                        assembly.pendingParts(),
                        totalParts.get());
                return done(request.errorResponse(CommandStatus.ESME_RMSGQFUL));
            }
            if (step instanceof LongMessageAssembly.Waiting waiting) {
                return waiting.durable().handle((ok, failure) -> {
                    if (failure == null) {
                        return accepted(request, waiting.id());
                    }
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause()
                            : failure;
                    CommandStatus status = RefusalStatus.of(cause);
                    log.info(
                            "smpp long message part not stored client={} status={} reason=\"{}\"",
                            client.username(),
                            status,
                            cause.getMessage());
                    return request.errorResponse(status);
                });
            }
            LongMessageAssembly.Whole whole = (LongMessageAssembly.Whole) step;
            if (whole.text().isEmpty()) {
                assembly.released(whole.id());
                return binaryRefused(client, request);
            }
            return submit(
                            client,
                            request,
                            new Submission(
                                    from,
                                    to,
                                    whole.text().get(),
                                    List.of(),
                                    Protocol.SMPP,
                                    ReceiptRequest.of(whole.registeredDelivery())
                                            .reference(),
                                    whole.id()))
                    .whenComplete((response, failure) -> assembly.released(whole.id()));
        }
        Optional<TextCodec> codec = DataCoding.STANDARD.codecFor(part.dataCoding());
        if (codec.isEmpty()) {
            return binaryRefused(client, request);
        }
        String text = codec.get().decode(part.payload());
        return submit(
                client,
                request,
                new Submission(
                        from,
                        to,
                        text,
                        List.of(),
                        Protocol.SMPP,
                        ReceiptRequest.of(registeredDelivery).reference()));
    }

    private CompletionStage<ResponsePdu> submit(Client client, RequestPdu request, Submission submission) {
        return pipeline.submit(client, submission).handle((result, failure) -> {
            if (failure != null) {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause()
                        : failure;
                CommandStatus status = RefusalStatus.of(cause);
                log.info(
                        "smpp message not accepted client={} status={} reason=\"{}\"",
                        client.username(),
                        status,
                        cause.getMessage());
                return request.errorResponse(status);
            }
            if (result instanceof SubmitResult.Refused refused) {
                CommandStatus status = RefusalStatus.of(refused.refusal());
                log.info(
                        "smpp message refused client={} status={} reason=\"{}\"",
                        client.username(),
                        status,
                        refused.refusal().message());
                return request.errorResponse(status);
            }
            Message message = ((SubmitResult.Accepted) result).message();
            return accepted(request, message.id());
        });
    }

    private static CompletionStage<ResponsePdu> binaryRefused(Client client, RequestPdu request) {
        log.info(
                "smpp message refused client={} status={} reason=\"binary data_coding is not carried\"",
                client.username(),
                CommandStatus.ESME_RSUBMITFAIL);
        return done(request.errorResponse(CommandStatus.ESME_RSUBMITFAIL));
    }

    private CompletionStage<ResponsePdu> query(Client client, QuerySm query) {
        return CompletableFuture.supplyAsync(() -> messages.find(query.messageId()), blocking)
                .handle((found, failure) -> {
                    if (failure != null) {
                        log.warn("smpp query_sm failed client={} error=\"{}\"", client.username(), failure.toString());
                        return query.errorResponse(CommandStatus.ESME_RSYSERR);
                    }
                    if (found.isEmpty()
                            || found.get().clientId() == null
                            || found.get().clientId() != client.id()) {
                        return query.errorResponse(CommandStatus.ESME_RINVMSGID);
                    }
                    Message message = found.get();
                    String finalDate = message.status().isFinal() ? SmppStates.absoluteTime(message.updatedAt()) : "";
                    return new QuerySmResp(
                            0,
                            query.sequenceNumber(),
                            message.id(),
                            finalDate,
                            SmppStates.messageState(message.status()).code(),
                            0);
                });
    }

    private static ResponsePdu accepted(RequestPdu request, String id) {
        if (request instanceof DataSm data) {
            return new DataSmResp(0, data.sequenceNumber(), id, Tlvs.NONE);
        }
        return new SubmitSmResp(0, ((SubmitSm) request).sequenceNumber(), id);
    }

    private static CompletionStage<ResponsePdu> done(ResponsePdu response) {
        return CompletableFuture.completedFuture(response);
    }
}
