package io.gomsggw.core.store;

import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.Secret;
import java.util.List;
import java.util.Optional;

/**
 * Persistent clients with their settings. Passwords are encrypted by the implementation before
 * they are written and decrypted when read; callers only see {@link Secret}s.
 *
 * <p>Threading: implementations are thread-safe. Every method blocks on I/O, so never call one
 * from a Netty event loop. Failures surface as {@link StoreException}; a uniqueness violation as
 * {@link DuplicateKeyException}.
 */
public interface ClientStore {
    /** Stores a new client (its id is ignored) and returns it with its id. */
    Client create(Client client);

    Optional<Client> find(long id);

    Optional<Client> findByUsername(String username);

    /** All clients ordered by id. */
    List<Client> list();

    /** Replaces every field but the id and password; returns false when the client does not exist. */
    boolean update(Client client);

    boolean updatePassword(long id, Secret password);

    boolean updateSettings(long id, ClientSettings settings);

    /** Deletes the client with its numbers, settings and failovers; returns false when it did not exist. */
    boolean delete(long id);
}
