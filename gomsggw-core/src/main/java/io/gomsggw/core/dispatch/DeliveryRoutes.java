package io.gomsggw.core.dispatch;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.spi.CarrierAdapter;
import java.util.List;
import java.util.Optional;

/**
 * What the dispatcher needs to know about destinations, read from the live directory. Lookups are
 * in-memory and non-blocking.
 */
public interface DeliveryRoutes {
    Optional<Client> client(long id);

    /** The enabled failover clients of a client, lowest priority value first. */
    List<Client> failovers(long clientId);

    /** The adapter of a carrier by name. */
    Optional<CarrierAdapter> carrier(String name);
}
