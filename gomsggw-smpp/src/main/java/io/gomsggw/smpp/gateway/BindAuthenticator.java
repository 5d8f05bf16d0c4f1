package io.gomsggw.smpp.gateway;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.net.ClientAddress;
import io.gomsggw.core.net.HostResolver;
import io.gomsggw.smpp.pdu.Bind;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.server.BindDecision;
import io.gomsggw.smpp.server.BindRequest;
import java.net.InetAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides binds as docs/legacy-clients.md ("Sessions") says: {@code system_id} is a legacy client's username
 * ({@code ESME_RINVSYSID} otherwise), {@code password} its password ({@code ESME_RINVPASWD}), and
 * the connection must come from the client's {@code address} ({@link ClientAddress}: IP
 * addresses, CIDR blocks, host names resolved at bind time, or {@code *}; {@code ESME_RBINDFAIL}).
 */
final class BindAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(BindAuthenticator.class);

    private final Directory directory;
    private final HostResolver resolver;
    private final Executor blocking;

    BindAuthenticator(Directory directory, HostResolver resolver, Executor blocking) {
        this.directory = directory;
        this.resolver = resolver;
        this.blocking = blocking;
    }

    CompletionStage<BindDecision> authenticate(BindRequest request) {
        Bind bind = request.bind();
        Optional<Client> found = directory.clientByUsername(bind.systemId());
        if (found.isEmpty() || found.get().type() != ClientType.LEGACY) {
            return refuse(CommandStatus.ESME_RINVSYSID, "unknown system_id");
        }
        Client client = found.get();
        if (!client.password().matches(bind.password())) {
            return refuse(CommandStatus.ESME_RINVPASWD, "wrong password");
        }
        InetAddress peer = request.remoteAddress().getAddress();
        ClientAddress allowed;
        try {
            allowed = ClientAddress.parse(client.address());
        } catch (IllegalArgumentException e) {
            log.warn(
                    "smpp bind: the client's address cannot be read client={} error=\"{}\"",
                    client.username(),
                    e.getMessage());
            return refuse(CommandStatus.ESME_RBINDFAIL, "the client's address cannot be read");
        }
        if (allowed.isEmpty()) {
            return refuse(CommandStatus.ESME_RBINDFAIL, "the client has no address to bind from");
        }
        BindDecision accepted = BindDecision.accept(new BoundClient(client.id(), client.username()));
        if (allowed.admitsWithoutLookup(peer)) {
            return CompletableFuture.completedFuture(accepted);
        }
        if (!allowed.namesHosts()) {
            return refuse(
                    CommandStatus.ESME_RBINDFAIL, "source address " + peer.getHostAddress() + " is not " + allowed);
        }
        // Resolving a host name may block: never on the event loop.
        return CompletableFuture.supplyAsync(() -> allowed.admits(peer, resolver), blocking)
                .thenApply(ok -> ok
                        ? accepted
                        : BindDecision.refuse(
                                CommandStatus.ESME_RBINDFAIL,
                                "source address " + peer.getHostAddress() + " is not " + allowed));
    }

    /** The session logs the refusal once, with this reason. */
    private static CompletionStage<BindDecision> refuse(CommandStatus status, String reason) {
        return CompletableFuture.completedFuture(BindDecision.refuse(status, reason));
    }
}
