package io.gomsggw.core.routing;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import java.util.Optional;

/** The live, in-memory view of who owns which number. Lookups never block. */
public interface RoutingTable {
    Optional<ClientNumber> number(String e164);

    Optional<Client> client(long id);
}
