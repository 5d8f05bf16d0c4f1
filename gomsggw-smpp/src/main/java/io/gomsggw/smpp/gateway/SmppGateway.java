package io.gomsggw.smpp.gateway;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.net.HostResolver;
import io.gomsggw.core.pipeline.MessagePipeline;
import io.gomsggw.core.store.HeldPartStore;
import io.gomsggw.core.store.MessageStore;
import io.gomsggw.smpp.pdu.RequestPdu;
import io.gomsggw.smpp.pdu.ResponsePdu;
import io.gomsggw.smpp.server.BindDecision;
import io.gomsggw.smpp.server.BindRequest;
import io.gomsggw.smpp.server.SmppServerHandler;
import io.gomsggw.smpp.session.SmppSession;
import java.time.Clock;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge between the SMPP server and the gateway core: authenticates binds against the
 * directory, keeps the bound sessions in a {@link SessionRegistry} (which {@link SmppEgress},
 * {@link ReceiptSender} and {@code /stats} use), and hands messages to the pipeline.
 *
 * <p>Threading: called on the server's event loops; never blocks them (host name resolution and
 * store reads run on {@code blocking}).
 */
public final class SmppGateway implements SmppServerHandler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SmppGateway.class);

    private final SessionRegistry sessions;
    private final BindAuthenticator authenticator;
    private final SmppIngress ingress;
    private final HeldParts held;

    /**
     * Also puts back the parts of long messages held before a restart ({@code heldParts}; blocks
     * on the store while it reads them).
     *
     * @param heldParts where the answered parts of incomplete long messages are kept
     */
    public SmppGateway(
            Directory directory,
            MessagePipeline pipeline,
            MessageStore messages,
            HeldPartStore heldParts,
            SessionRegistry sessions,
            HostResolver resolver,
            Executor blocking,
            SmppGatewaySettings settings,
            Clock clock) {
        this.sessions = sessions;
        this.authenticator = new BindAuthenticator(directory, resolver, blocking);
        this.held = new HeldParts(heldParts);
        this.ingress = new SmppIngress(directory, pipeline, messages, held, blocking, settings, clock);
        try {
            ingress.restoreHeldParts();
        } catch (RuntimeException e) {
            held.close();
            throw e;
        }
    }

    @Override
    public CompletionStage<BindDecision> authenticate(BindRequest request) {
        return authenticator.authenticate(request);
    }

    @Override
    public void onBound(SmppSession session) {
        sessions.add(session);
        log.info(
                "smpp bound client={} mode={} remote={} session={}",
                SessionRegistry.clientOf(session).username(),
                session.mode(),
                session.remoteAddress().getAddress().getHostAddress(),
                session.id());
    }

    @Override
    public void onClosed(SmppSession session) {
        sessions.remove(session);
        log.info(
                "smpp unbound client={} session={}",
                SessionRegistry.clientOf(session).username(),
                session.id());
    }

    @Override
    public CompletionStage<? extends ResponsePdu> onRequest(SmppSession session, RequestPdu request) {
        return ingress.onRequest(session, request);
    }

    /** Drops long messages whose parts did not all arrive in time; call it every few seconds. */
    public void expireIncompleteMessages() {
        ingress.expireIncomplete();
    }

    /** Parts of incomplete long messages held for all clients (answered, waiting for the rest). */
    public int heldParts() {
        return ingress.heldParts();
    }

    /** Writes the held-part changes still queued; close it after the SMPP listeners. */
    @Override
    public void close() {
        held.close();
    }
}
