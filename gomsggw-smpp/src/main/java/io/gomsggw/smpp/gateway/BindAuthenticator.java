package io.gomsggw.smpp.gateway;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.smpp.pdu.Bind;
import io.gomsggw.smpp.pdu.CommandStatus;
import io.gomsggw.smpp.server.BindDecision;
import io.gomsggw.smpp.server.BindRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides binds as API.md says: {@code system_id} is a legacy client's username
 * ({@code ESME_RINVSYSID} otherwise), {@code password} its password ({@code ESME_RINVPASWD}), and
 * the connection must come from the client's {@code address}, an IP literal or a host name
 * resolved at bind time ({@code ESME_RBINDFAIL}).
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
        String allowed = client.address() == null ? "" : client.address().strip();
        if (allowed.isEmpty()) {
            return refuse(CommandStatus.ESME_RBINDFAIL, "the client has no address to bind from");
        }
        // Resolving a host name may block: never on the event loop.
        return CompletableFuture.supplyAsync(() -> matches(allowed, peer), blocking).thenApply(ok -> {
            if (!ok) {
                return BindDecision.refuse(CommandStatus.ESME_RBINDFAIL,
                        "source address " + peer.getHostAddress() + " is not " + allowed);
            }
            return BindDecision.accept(new BoundClient(client.id(), client.username()));
        });
    }

    private boolean matches(String allowed, InetAddress peer) {
        try {
            return Arrays.stream(resolver.resolve(allowed)).anyMatch(a -> sameHost(a, peer));
        } catch (UnknownHostException e) {
            log.warn("smpp bind: cannot resolve the client's address host={}", allowed);
            return false;
        }
    }

    private static boolean sameHost(InetAddress a, InetAddress b) {
        return Arrays.equals(canonical(a), canonical(b));
    }

    /** IPv4-mapped IPv6 addresses ({@code ::ffff:10.0.0.1}) compare equal to their IPv4 form. */
    private static byte[] canonical(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= raw[i] == 0;
            }
            if (mapped && raw[10] == (byte) 0xFF && raw[11] == (byte) 0xFF) {
                return Arrays.copyOfRange(raw, 12, 16);
            }
        }
        return raw;
    }

    /** The session logs the refusal once, with this reason. */
    private static CompletionStage<BindDecision> refuse(CommandStatus status, String reason) {
        return CompletableFuture.completedFuture(BindDecision.refuse(status, reason));
    }
}
