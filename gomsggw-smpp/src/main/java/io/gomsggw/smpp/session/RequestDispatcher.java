package io.gomsggw.smpp.session;

import io.gomsggw.smpp.pdu.CommandId;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.GenericNack;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.Unbind;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the peer sends once the handshake and keep-alive took theirs: responses complete this
 * side's requests ({@link RequestWindow}); the peer's {@code unbind} is answered and the
 * connection closed after a linger (before a bind: {@code ESME_RINVBNDSTS}); message requests the
 * bind state and mode allow go to the {@link SmppRequestHandler}, the others are answered
 * {@code ESME_RINVBNDSTS}. The handler's answer is written when it completes; a failure or an
 * answer that does not fit the request is answered {@code ESME_RSYSERR}. Event loop only.
 */
final class RequestDispatcher extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(RequestDispatcher.class);

    private final ChannelSession session;
    private final SmppRequestHandler requests;

    RequestDispatcher(ChannelSession session, SmppRequestHandler requests) {
        this.session = session;
        this.requests = requests;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof ResponsePdu response) {
            onResponse(response);
        } else if (msg instanceof Unbind unbind) {
            onUnbind(unbind);
        } else if (msg instanceof RequestPdu request) {
            onRequest(request);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    private void onResponse(ResponsePdu response) {
        if (!session.window().complete(response)) {
            log.debug(
                    "smpp response dropped, no request waits for it session={} command={} seq={}",
                    session.id(),
                    CommandId.name(response.commandId()),
                    response.sequenceNumber());
        }
    }

    private void onUnbind(Unbind unbind) {
        if (!session.state().acceptsMessages()) {
            session.write(unbind.errorResponse(CommandStatus.ESME_RINVBNDSTS));
            return;
        }
        session.state(BindState.UNBINDING);
        log.info("smpp unbind received session={} system_id={}", session.id(), session.systemId());
        session.write(unbind.okResponse());
        session.closeAfterLinger();
    }

    private void onRequest(RequestPdu request) {
        if (!session.state().acceptsMessages() || !session.side().mayReceive(request, session.mode())) {
            session.write(request.errorResponse(CommandStatus.ESME_RINVBNDSTS));
            return;
        }
        CompletionStage<? extends ResponsePdu> answer;
        try {
            answer = Objects.requireNonNull(requests.onRequest(session, request), "request handler returned null");
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.whenComplete((response, error) -> session.write(checkedResponse(request, response, error)));
    }

    /** The handler's response if it fits the request, else {@code ESME_RSYSERR}. */
    private ResponsePdu checkedResponse(RequestPdu request, ResponsePdu response, Throwable error) {
        String command = CommandId.name(request.commandId());
        if (error != null) {
            Throwable cause = Completions.cause(error);
            if (Completions.expected(cause)) {
                log.warn(
                        "smpp request failed session={} command={} seq={} error={}",
                        session.id(),
                        command,
                        request.sequenceNumber(),
                        cause.toString());
            } else {
                log.warn(
                        "smpp request failed session={} command={} seq={}",
                        session.id(),
                        command,
                        request.sequenceNumber(),
                        cause);
            }
            return request.errorResponse(CommandStatus.ESME_RSYSERR);
        }
        boolean fits = response != null
                && response.sequenceNumber() == request.sequenceNumber()
                && (response.commandId() == (request.commandId() | CommandId.RESPONSE_MASK)
                        || response instanceof GenericNack);
        if (!fits) {
            log.warn(
                    "smpp request handler answered with a mismatched response session={} command={} seq={} "
                            + "response={}",
                    session.id(),
                    command,
                    request.sequenceNumber(),
                    response);
            return request.errorResponse(CommandStatus.ESME_RSYSERR);
        }
        return response;
    }
}
