package io.gomsggw.core.admin;

import io.gomsggw.core.model.Failover;
import io.gomsggw.core.store.FailoverStore;
import java.util.List;

/**
 * Admin operations on failovers: fallback clients that take a primary client's traffic while it
 * is offline. Obtained from {@link AdminService#failovers()}.
 *
 * <p>Threading: thread-safe; every method blocks on the stores.
 */
public final class FailoverAdmin {
    private final ClientAdmin clients;
    private final FailoverStore failovers;
    private final Directory directory;

    FailoverAdmin(ClientAdmin clients, FailoverStore failovers, Directory directory) {
        this.clients = clients;
        this.failovers = failovers;
        this.directory = directory;
    }

    /**
     * @throws NotFoundException     when the primary client does not exist
     * @throws InvalidFieldException when {@code fallback_client_id} is missing, unknown or the primary itself
     * @throws ConflictException     when the primary already has a failover to that client
     */
    public Failover add(long primaryClientId, NewFailover request) {
        clients.require(primaryClientId);
        Long fallback = request.fallbackClientId();
        if (fallback == null) {
            throw InvalidFieldException.missing("fallback_client_id");
        }
        if (fallback == primaryClientId) {
            throw InvalidFieldException.invalid("fallback_client_id", "a client cannot be its own fallback");
        }
        try {
            clients.require(fallback);
        } catch (NotFoundException e) {
            throw InvalidFieldException.invalid("fallback_client_id", "client " + fallback + " does not exist");
        }
        if (failovers.listByPrimary(primaryClientId).stream().anyMatch(f -> f.fallbackClientId() == fallback)) {
            throw new ConflictException(
                    "fallback_client_id",
                    "client " + primaryClientId + " already has a failover to client " + fallback);
        }
        int priority = request.priority() == null ? 0 : Checks.nonNegative("priority", request.priority());
        Failover added = failovers.add(
                new Failover(0, primaryClientId, fallback, priority, request.enabled() == null || request.enabled()));
        directory.reload();
        return added;
    }

    /** The failovers of a primary client by priority. @throws NotFoundException when it does not exist */
    public List<Failover> list(long primaryClientId) {
        clients.require(primaryClientId);
        return failovers.listByPrimary(primaryClientId);
    }

    /**
     * @throws NotFoundException     when the client does not exist or the failover is not its own
     * @throws InvalidFieldException when {@code priority} is negative
     */
    public Failover update(long primaryClientId, long failoverId, FailoverPatch patch) {
        Failover current = owned(primaryClientId, failoverId);
        Failover updated = new Failover(
                failoverId,
                primaryClientId,
                current.fallbackClientId(),
                patch.priority() == null ? current.priority() : Checks.nonNegative("priority", patch.priority()),
                patch.enabled() == null ? current.enabled() : patch.enabled());
        if (!failovers.update(updated)) {
            throw NotFoundException.failover(failoverId);
        }
        directory.reload();
        return updated;
    }

    /** @throws NotFoundException when the client does not exist or the failover is not its own */
    public void delete(long primaryClientId, long failoverId) {
        owned(primaryClientId, failoverId);
        if (!failovers.delete(failoverId)) {
            throw NotFoundException.failover(failoverId);
        }
        directory.reload();
    }

    private Failover owned(long primaryClientId, long failoverId) {
        clients.require(primaryClientId);
        return failovers
                .find(failoverId)
                .filter(f -> f.primaryClientId() == primaryClientId)
                .orElseThrow(() -> NotFoundException.failover(failoverId));
    }
}
