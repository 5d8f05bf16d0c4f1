package io.gomsggw.mm4.gateway;

import io.gomsggw.core.admin.DirectorySnapshot;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.net.CidrBlock;
import io.gomsggw.core.net.ClientAddress;
import io.gomsggw.core.net.HostResolver;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which legacy clients a connection's source address belongs to, answered from memory so the SMTP
 * server can ask on its event loop. A client's {@code address} admits a source by an IP address or CIDR
 * block written there, or by a host name that resolved to it at the last {@link #refresh}. {@code *}
 * identifies nobody: an MM4 sender must be told apart by its address.
 *
 * <p>Several clients may share a source (PBXs behind one NAT): all are candidates, and each message is
 * credited to the candidate that owns its sender number.
 *
 * <p><b>Threading:</b> thread-safe. {@link #candidates} never blocks; {@link #refresh} resolves host names
 * and blocks: run it on a worker, at start, on every directory change and periodically.
 */
public final class Mm4Sources {
    private static final Logger log = LoggerFactory.getLogger(Mm4Sources.class);

    private record Known(Client client, ClientAddress address) {}

    private record Index(List<Known> clients, Map<String, Set<InetAddress>> resolved) {}

    private final HostResolver resolver;
    private final AtomicReference<Index> index = new AtomicReference<>(new Index(List.of(), Map.of()));

    public Mm4Sources(HostResolver resolver) {
        this.resolver = resolver;
    }

    /** Reads the legacy clients of {@code snapshot} and resolves the host names they name. Blocks on DNS. */
    public void refresh(DirectorySnapshot snapshot) {
        List<Known> known = new ArrayList<>();
        Map<String, Set<InetAddress>> resolved = new HashMap<>();
        snapshot.clients().stream()
                .filter(c -> c.type() == ClientType.LEGACY && c.address() != null)
                .sorted(Comparator.comparingLong(Client::id))
                .forEach(client -> {
                    ClientAddress address;
                    try {
                        address = ClientAddress.parse(client.address());
                    } catch (IllegalArgumentException e) {
                        return; // the admin API refuses such addresses; one edited into the database identifies nobody
                    }
                    known.add(new Known(client, address));
                    for (ClientAddress.Entry entry : address.entries()) {
                        if (entry instanceof ClientAddress.Host host && !resolved.containsKey(host.name())) {
                            resolved.put(host.name(), resolve(host.name()));
                        }
                    }
                });
        index.set(new Index(List.copyOf(known), Map.copyOf(resolved)));
    }

    private Set<InetAddress> resolve(String name) {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            for (InetAddress address : resolver.resolve(name)) {
                addresses.add(CidrBlock.canonical(address));
            }
        } catch (UnknownHostException e) {
            log.info("mm4 client host name does not resolve host={}", name);
        }
        return Set.copyOf(addresses);
    }

    /** The legacy clients {@code source} belongs to, lowest id first; empty for an unknown source. */
    public List<Client> candidates(InetAddress source) {
        Index current = index.get();
        InetAddress peer = CidrBlock.canonical(source);
        List<Client> found = new ArrayList<>(1);
        for (Known known : current.clients()) {
            if (admits(known.address(), peer, current.resolved())) {
                found.add(known.client());
            }
        }
        return found;
    }

    private static boolean admits(ClientAddress address, InetAddress peer, Map<String, Set<InetAddress>> resolved) {
        for (ClientAddress.Entry entry : address.entries()) {
            if (entry instanceof ClientAddress.Block block && block.block().contains(peer)) {
                return true;
            }
            if (entry instanceof ClientAddress.Host host
                    && resolved.getOrDefault(host.name(), Set.of()).contains(peer)) {
                return true;
            }
        }
        return false;
    }
}
