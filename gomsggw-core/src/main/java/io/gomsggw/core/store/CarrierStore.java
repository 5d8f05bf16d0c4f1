package io.gomsggw.core.store;

import io.gomsggw.core.model.Carrier;
import java.util.List;
import java.util.Optional;

/**
 * Persistent carrier accounts. Names and uuids are unique; the password is encrypted at rest.
 *
 * <p>Threading: thread-safe; every method blocks on I/O.
 */
public interface CarrierStore {
    Carrier add(Carrier carrier);

    Optional<Carrier> find(long id);

    Optional<Carrier> findByName(String name);

    Optional<Carrier> findByUuid(String uuid);

    List<Carrier> list();

    /** Replaces every field but the id; false when the carrier does not exist. */
    boolean update(Carrier carrier);

    boolean delete(long id);
}
