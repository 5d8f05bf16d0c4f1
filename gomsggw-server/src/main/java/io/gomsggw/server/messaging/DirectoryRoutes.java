package io.gomsggw.server.messaging;

import io.gomsggw.core.admin.Directory;
import io.gomsggw.core.dispatch.DeliveryRoutes;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.Failover;
import io.gomsggw.core.spi.CarrierAdapter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The dispatcher's view of destinations, read from the live {@link Directory} and {@link CarrierAdapters}. */
final class DirectoryRoutes implements DeliveryRoutes {
    private final Directory directory;
    private final CarrierAdapters carriers;

    DirectoryRoutes(Directory directory, CarrierAdapters carriers) {
        this.directory = directory;
        this.carriers = carriers;
    }

    @Override
    public Optional<Client> client(long id) {
        return directory.client(id);
    }

    @Override
    public List<Client> failovers(long clientId) {
        List<Client> fallbacks = new ArrayList<>();
        for (Failover failover : directory.failoversOf(clientId)) {
            if (failover.enabled()) {
                directory.client(failover.fallbackClientId()).ifPresent(fallbacks::add);
            }
        }
        return fallbacks;
    }

    @Override
    public Optional<CarrierAdapter> carrier(String name) {
        return carriers.byName(name);
    }
}
