package io.gomsggw.core.store;

import io.gomsggw.core.model.Failover;
import java.util.List;
import java.util.Optional;

/**
 * Persistent failover links between clients.
 *
 * <p>Threading: thread-safe; every method blocks on I/O.
 */
public interface FailoverStore {
    Failover add(Failover failover);

    Optional<Failover> find(long id);

    /** The failovers of a primary client, by priority then id. */
    List<Failover> listByPrimary(long primaryClientId);

    List<Failover> list();

    boolean update(Failover failover);

    boolean delete(long id);
}
