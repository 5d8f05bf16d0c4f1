package io.gomsggw.core.store;

import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.NumberSettings;
import java.util.List;
import java.util.Optional;

/**
 * Persistent phone numbers of clients. A number (E.164) is unique across all clients: adding one
 * that exists raises {@link DuplicateKeyException} with field {@code number}.
 *
 * <p>Threading: thread-safe; every method blocks on I/O.
 */
public interface NumberStore {
    ClientNumber add(ClientNumber number);

    Optional<ClientNumber> find(long id);

    Optional<ClientNumber> findByNumber(String e164);

    List<ClientNumber> listByClient(long clientId);

    /** Every number of every client, ordered by id. */
    List<ClientNumber> list();

    /** Replaces every field but id and client; false when the number does not exist. */
    boolean update(ClientNumber number);

    boolean updateSettings(long id, NumberSettings settings);

    boolean delete(long id);
}
