package io.gomsggw.core.admin;

import io.gomsggw.core.phone.PhoneNumbers;
import io.gomsggw.core.store.CarrierStore;
import io.gomsggw.core.store.ClientStore;
import io.gomsggw.core.store.FailoverStore;
import io.gomsggw.core.store.NumberStore;
import java.util.Objects;

/**
 * Every admin operation of the gateway, with validation: clients, numbers, carriers, failovers
 * and reload. Grouped by resource ({@link #clients()}, {@link #numbers()}, {@link #carriers()},
 * {@link #failovers()}) so that each group stays small.
 *
 * <p>Each successful change reloads the {@link Directory}, so it takes effect at once on this
 * node. Refusals are {@link AdminException}s naming the field; the stores' own faults pass
 * through as {@link io.gomsggw.core.store.StoreException}.
 *
 * <p>Threading: thread-safe; every operation blocks on the stores, so never call one from a
 * Netty event loop.
 */
public final class AdminService {
    private final ClientAdmin clients;
    private final NumberAdmin numbers;
    private final CarrierAdmin carriers;
    private final FailoverAdmin failovers;
    private final Directory directory;

    public AdminService(
            ClientStore clientStore,
            NumberStore numberStore,
            CarrierStore carrierStore,
            FailoverStore failoverStore,
            PhoneNumbers phoneNumbers,
            CarrierValidator carrierValidator,
            Directory directory) {
        Objects.requireNonNull(clientStore, "clientStore");
        Objects.requireNonNull(numberStore, "numberStore");
        Objects.requireNonNull(carrierStore, "carrierStore");
        Objects.requireNonNull(failoverStore, "failoverStore");
        Objects.requireNonNull(phoneNumbers, "phoneNumbers");
        Objects.requireNonNull(carrierValidator, "carrierValidator");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.clients = new ClientAdmin(clientStore, numberStore, directory);
        this.numbers = new NumberAdmin(clients, numberStore, carrierStore, phoneNumbers, directory);
        this.carriers = new CarrierAdmin(carrierStore, numberStore, carrierValidator, directory);
        this.failovers = new FailoverAdmin(clients, failoverStore, directory);
    }

    public ClientAdmin clients() {
        return clients;
    }

    public NumberAdmin numbers() {
        return numbers;
    }

    public CarrierAdmin carriers() {
        return carriers;
    }

    public FailoverAdmin failovers() {
        return failovers;
    }

    /** The directory this service keeps current; the router reads it. */
    public Directory directory() {
        return directory;
    }

    /** Re-reads everything from the stores, for edits made directly in the database. */
    public DirectorySnapshot reload() {
        return directory.reload();
    }
}
