package io.gomsggw.smpp.testing;

import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.pdu.DataSm;
import io.gomsggw.smpp.pdu.DataSmResp;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.pdu.SubmitSm;
import io.gomsggw.smpp.pdu.SubmitSmResp;
import io.gomsggw.smpp.pdu.Tlvs;
import io.gomsggw.smpp.server.BindDecision;
import io.gomsggw.smpp.server.BindRequest;
import io.gomsggw.smpp.server.SmppServerHandler;
import io.gomsggw.smpp.session.SmppSession;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application side of the test server: accepts {@code user/secret} and
 * {@link #LONG_USER}/{@link #LONG_PASSWORD} (attachment {@value #ATTACHMENT}), refuses a wrong
 * password with {@code ESME_RINVPASWD} and an unknown system id with {@code ESME_RINVSYSID}, answers {@code submit_sm} with message ids
 * {@code msg-1}, {@code msg-2}, … and records everything. With {@link #holdResponses} set, the
 * answers wait in {@link #held} until a test completes them.
 */
public final class TestServerHandler implements SmppServerHandler {
    public static final String USER = "user";
    public static final String PASSWORD = "secret";
    public static final String ATTACHMENT = "client:user";
    /** A 40-character system_id, longer than SMPP 3.4's 15, as the Go gateway's users configure. */
    public static final String LONG_USER = "pbx-with-a-long-system-id-0123456789abcd";
    /** The 30-character password of {@link #LONG_USER}, longer than SMPP 3.4's 8. */
    public static final String LONG_PASSWORD = "a-thirty-character-password-30";
    /** A submit_sm to this destination fails in the handler (answered ESME_RSYSERR). */
    public static final String FAIL = "999";

    /** A request whose answer the test gives. */
    public record Held(RequestPdu request, CompletableFuture<ResponsePdu> response) {
        /** Answers with the handler's usual response. */
        public void release() {
            response.complete(okResponse(request, "held-" + request.sequenceNumber()));
        }
    }

    public final List<BindRequest> binds = new CopyOnWriteArrayList<>();
    public final List<SmppSession> bound = new CopyOnWriteArrayList<>();
    public final List<SmppSession> closed = new CopyOnWriteArrayList<>();
    public final List<RequestPdu> requests = new CopyOnWriteArrayList<>();
    public final Queue<Held> held = new ConcurrentLinkedQueue<>();
    public volatile boolean holdResponses;
    private final AtomicInteger messageIds = new AtomicInteger();

    @Override
    public CompletionStage<BindDecision> authenticate(BindRequest request) {
        binds.add(request);
        String password = USER.equals(request.bind().systemId())
                ? PASSWORD
                : LONG_USER.equals(request.bind().systemId()) ? LONG_PASSWORD : null;
        if (password == null) {
            return CompletableFuture.completedFuture(
                    BindDecision.refuse(CommandStatus.ESME_RINVSYSID, "unknown system_id"));
        }
        if (!password.equals(request.bind().password())) {
            return CompletableFuture.completedFuture(
                    BindDecision.refuse(CommandStatus.ESME_RINVPASWD, "wrong password"));
        }
        // Decided on another thread, as a real store lookup would be.
        return CompletableFuture.supplyAsync(() -> BindDecision.accept(ATTACHMENT));
    }

    @Override
    public void onBound(SmppSession session) {
        bound.add(session);
    }

    @Override
    public void onClosed(SmppSession session) {
        closed.add(session);
    }

    @Override
    public CompletionStage<? extends ResponsePdu> onRequest(SmppSession session, RequestPdu request) {
        requests.add(request);
        if (request instanceof SubmitSm s && FAIL.equals(s.sm().destination().address())) {
            return CompletableFuture.failedFuture(new java.io.IOException("store unavailable"));
        }
        if (holdResponses) {
            CompletableFuture<ResponsePdu> response = new CompletableFuture<>();
            held.add(new Held(request, response));
            return response;
        }
        return CompletableFuture.completedFuture(okResponse(request, "msg-" + messageIds.incrementAndGet()));
    }

    static ResponsePdu okResponse(RequestPdu request, String messageId) {
        if (request instanceof SubmitSm s) {
            return new SubmitSmResp(0, s.sequenceNumber(), messageId);
        }
        if (request instanceof DataSm d) {
            return new DataSmResp(0, d.sequenceNumber(), messageId, Tlvs.NONE);
        }
        return request.errorResponse(CommandStatus.ESME_RINVCMDID);
    }
}
