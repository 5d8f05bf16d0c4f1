package io.gomsggw.core.admin;

import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.Failover;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, consistent view of every client, number, carrier and failover, indexed for the
 * lookups the router makes on every message. Reads are plain map lookups without locks; a
 * snapshot never changes after it is built ({@link Directory} swaps in a new one).
 */
public final class DirectorySnapshot {
    private final Map<Long, Client> clientsById;
    private final Map<String, Client> clientsByUsername;
    private final Map<String, ClientNumber> numbersByE164;
    private final Map<Long, List<ClientNumber>> numbersByClient;
    private final Map<String, Carrier> carriersByName;
    private final Map<String, Carrier> carriersByUuid;
    private final Map<Long, List<Failover>> failoversByPrimary;
    private final Instant loadedAt;

    /** Indexes the given records; failovers are kept in priority order (lower first, then by id). */
    public DirectorySnapshot(
            List<Client> clients,
            List<ClientNumber> numbers,
            List<Carrier> carriers,
            List<Failover> failovers,
            Instant loadedAt) {
        Map<Long, Client> byId = new HashMap<>();
        Map<String, Client> byUsername = new HashMap<>();
        for (Client client : clients) {
            byId.put(client.id(), client);
            byUsername.put(client.username(), client);
        }
        Map<String, ClientNumber> byE164 = new HashMap<>();
        Map<Long, List<ClientNumber>> byClient = new HashMap<>();
        for (ClientNumber number : numbers) {
            byE164.put(number.number(), number);
            byClient.computeIfAbsent(number.clientId(), id -> new ArrayList<>()).add(number);
        }
        Map<String, Carrier> byName = new HashMap<>();
        Map<String, Carrier> byUuid = new HashMap<>();
        for (Carrier carrier : carriers) {
            byName.put(carrier.name(), carrier);
            byUuid.put(carrier.uuid(), carrier);
        }
        Map<Long, List<Failover>> byPrimary = new HashMap<>();
        failovers.stream()
                .sorted(Comparator.comparingInt(Failover::priority).thenComparingLong(Failover::id))
                .forEach(f -> byPrimary
                        .computeIfAbsent(f.primaryClientId(), id -> new ArrayList<>())
                        .add(f));

        this.clientsById = Map.copyOf(byId);
        this.clientsByUsername = Map.copyOf(byUsername);
        this.numbersByE164 = Map.copyOf(byE164);
        this.numbersByClient = copyOfLists(byClient);
        this.carriersByName = Map.copyOf(byName);
        this.carriersByUuid = Map.copyOf(byUuid);
        this.failoversByPrimary = copyOfLists(byPrimary);
        this.loadedAt = loadedAt;
    }

    /** A snapshot with nothing in it, loaded at {@code loadedAt}. */
    public static DirectorySnapshot empty(Instant loadedAt) {
        return new DirectorySnapshot(List.of(), List.of(), List.of(), List.of(), loadedAt);
    }

    private static <T> Map<Long, List<T>> copyOfLists(Map<Long, List<T>> lists) {
        Map<Long, List<T>> copy = new HashMap<>();
        lists.forEach((key, list) -> copy.put(key, List.copyOf(list)));
        return Map.copyOf(copy);
    }

    public Optional<Client> client(long id) {
        return Optional.ofNullable(clientsById.get(id));
    }

    public Optional<Client> clientByUsername(String username) {
        return Optional.ofNullable(clientsByUsername.get(username));
    }

    /** The number and its owner's id, by its E.164 form ({@code +12505551234}). */
    public Optional<ClientNumber> number(String e164) {
        return Optional.ofNullable(numbersByE164.get(e164));
    }

    /** The numbers of a client, in the order the store listed them; empty for an unknown client. */
    public List<ClientNumber> numbersOf(long clientId) {
        return numbersByClient.getOrDefault(clientId, List.of());
    }

    public Optional<Carrier> carrierByName(String name) {
        return Optional.ofNullable(carriersByName.get(name));
    }

    public Optional<Carrier> carrierByUuid(String uuid) {
        return Optional.ofNullable(carriersByUuid.get(uuid));
    }

    /** The failovers of a primary client, enabled or not, by priority (lower first) then id. */
    public List<Failover> failoversOf(long primaryClientId) {
        return failoversByPrimary.getOrDefault(primaryClientId, List.of());
    }

    /** Every client. */
    public java.util.Collection<Client> clients() {
        return clientsById.values();
    }

    public int clientCount() {
        return clientsById.size();
    }

    public int numberCount() {
        return numbersByE164.size();
    }

    /** Every carrier. */
    public java.util.Collection<Carrier> carriers() {
        return carriersByName.values();
    }

    public int carrierCount() {
        return carriersByName.size();
    }

    public int failoverCount() {
        return failoversByPrimary.values().stream().mapToInt(List::size).sum();
    }

    /** When the records in this snapshot were read from the stores. */
    public Instant loadedAt() {
        return loadedAt;
    }
}
