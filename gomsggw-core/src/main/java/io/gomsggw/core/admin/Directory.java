package io.gomsggw.core.admin;

import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.Failover;
import io.gomsggw.core.routing.RoutingTable;
import io.gomsggw.core.store.CarrierStore;
import io.gomsggw.core.store.ClientStore;
import io.gomsggw.core.store.FailoverStore;
import io.gomsggw.core.store.NumberStore;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * The gateway's in-memory view of clients, numbers, carriers and failovers: an immutable
 * {@link DirectorySnapshot} held in an {@link AtomicReference} and replaced whole by
 * {@link #reload()}. Lookups read the current snapshot without locking, so the router can call
 * them on every message; a caller that needs several lookups to agree takes {@link #snapshot()}
 * once and reads from it.
 *
 * <p>A new directory is empty: call {@link #reload()} once at start-up. {@link AdminService}
 * reloads after every change it makes, so changes through the admin API take effect at once.
 *
 * <p>Threading: lookups are lock-free and never block. {@link #reload()} blocks on the stores and
 * is serialized, so a slow reload can never overwrite the result of a later one.
 */
public final class Directory implements RoutingTable {
    private final ClientStore clients;
    private final NumberStore numbers;
    private final CarrierStore carriers;
    private final FailoverStore failovers;
    private final Clock clock;
    private final AtomicReference<DirectorySnapshot> current;
    private final Object reloadLock = new Object();
    private final List<Consumer<DirectorySnapshot>> listeners = new CopyOnWriteArrayList<>();
    private int bulkChanges; // guarded by reloadLock
    private boolean reloadDeferred; // guarded by reloadLock
    private volatile Runnable changeAnnouncer = () -> {};

    public Directory(
            ClientStore clients, NumberStore numbers, CarrierStore carriers, FailoverStore failovers, Clock clock) {
        this.clients = Objects.requireNonNull(clients, "clients");
        this.numbers = Objects.requireNonNull(numbers, "numbers");
        this.carriers = Objects.requireNonNull(carriers, "carriers");
        this.failovers = Objects.requireNonNull(failovers, "failovers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.current = new AtomicReference<>(DirectorySnapshot.empty(clock.instant()));
    }

    /**
     * Reads every record from the stores and swaps in a new snapshot; during a
     * {@link #bulkChange}, only notes that one is due at its end.
     *
     * @return the new snapshot (during a bulk change, the current one)
     * @throws io.gomsggw.core.store.StoreException when a store fails; the previous snapshot stays
     */
    public DirectorySnapshot reload() {
        DirectorySnapshot snapshot;
        synchronized (reloadLock) {
            if (bulkChanges > 0) {
                reloadDeferred = true;
                return current.get();
            }
            snapshot = load();
        }
        changeAnnouncer.run();
        return snapshot;
    }

    /**
     * Reloads because the records changed elsewhere (another node said so): as {@link #reload()},
     * but without announcing it. Waits for a bulk change in progress, whose end reloads anyway.
     *
     * @throws io.gomsggw.core.store.StoreException when a store fails; the previous snapshot stays
     */
    public DirectorySnapshot refresh() {
        synchronized (reloadLock) {
            return bulkChanges > 0 ? current.get() : load();
        }
    }

    /**
     * Runs {@code announcer} after each {@link #reload()} (a change made through this node, or an
     * explicit reload) and after a bulk change, outside the reload lock, not after a
     * {@link #refresh()}: e.g. to tell the other nodes of a cluster to refresh. It must not throw.
     */
    public void announceChangesWith(Runnable announcer) {
        this.changeAnnouncer = Objects.requireNonNull(announcer, "announcer");
    }

    /**
     * Runs {@code changes} with one reload at their end instead of one after each: every reload
     * asked for while they run (by the {@link AdminService}, on any thread) only marks the
     * directory stale, and lookups meanwhile see the snapshot from before. For bulk edits that
     * nobody serves from while they run, such as an offline import of thousands of numbers,
     * whose reloads would otherwise cost time in the square of their count.
     *
     * @throws io.gomsggw.core.store.StoreException when the final reload fails
     */
    public void bulkChange(Runnable changes) {
        synchronized (reloadLock) {
            bulkChanges++;
        }
        try {
            changes.run();
        } finally {
            boolean reloaded = false;
            synchronized (reloadLock) {
                bulkChanges--;
                if (bulkChanges == 0 && reloadDeferred) {
                    reloadDeferred = false;
                    load();
                    reloaded = true;
                }
            }
            if (reloaded) {
                changeAnnouncer.run();
            }
        }
    }

    /** Reloads; the caller holds {@code reloadLock}. */
    private DirectorySnapshot load() {
        DirectorySnapshot snapshot = new DirectorySnapshot(
                clients.list(), numbers.list(), carriers.list(), failovers.list(), clock.instant());
        current.set(snapshot);
        for (Consumer<DirectorySnapshot> listener : listeners) {
            listener.accept(snapshot);
        }
        return snapshot;
    }

    /**
     * Calls {@code listener} with every new snapshot, on the reloading thread and under the reload
     * lock (so listeners see snapshots in order); e.g. to rebuild carrier adapters.
     */
    public void addListener(Consumer<DirectorySnapshot> listener) {
        listeners.add(listener);
    }

    /** The current snapshot; it never changes, later reloads replace it. */
    public DirectorySnapshot snapshot() {
        return current.get();
    }

    @Override
    public Optional<Client> client(long id) {
        return snapshot().client(id);
    }

    public Optional<Client> clientByUsername(String username) {
        return snapshot().clientByUsername(username);
    }

    @Override
    public Optional<ClientNumber> number(String e164) {
        return snapshot().number(e164);
    }

    public List<ClientNumber> numbersOf(long clientId) {
        return snapshot().numbersOf(clientId);
    }

    public Optional<Carrier> carrierByName(String name) {
        return snapshot().carrierByName(name);
    }

    public Optional<Carrier> carrierByUuid(String uuid) {
        return snapshot().carrierByUuid(uuid);
    }

    public List<Failover> failoversOf(long primaryClientId) {
        return snapshot().failoversOf(primaryClientId);
    }
}
