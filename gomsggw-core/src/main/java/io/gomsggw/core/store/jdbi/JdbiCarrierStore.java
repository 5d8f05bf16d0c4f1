package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.store.CarrierStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatement;

/** {@link CarrierStore} on the {@code carriers} table; the password column holds the encrypted secret. */
final class JdbiCarrierStore implements CarrierStore {
    private static final String SELECT = "SELECT id, name, type, username, password, uuid, profile_id, "
            + "webhook_public_key, base_url FROM carriers";

    private final StoreSql sql;
    private final SecretCipher cipher;
    private final Clock clock;

    JdbiCarrierStore(StoreSql sql, SecretCipher cipher, Clock clock) {
        this.sql = sql;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Carrier add(Carrier carrier) {
        String encrypted = cipher.encrypt(carrier.password().reveal());
        long id = sql.withHandle(
                "add carrier",
                h -> bindCarrier(
                                h.createUpdate(
                                        "INSERT INTO carriers (name, type, username, password, uuid, profile_id, webhook_public_key, "
                                                + "base_url, created_at) VALUES (:name, :type, :username, :password, :uuid, "
                                                + ":profile_id, :webhook_public_key, :base_url, :created_at)"),
                                carrier,
                                encrypted)
                        .bind("created_at", clock.instant())
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one());
        return carrier.withId(id);
    }

    @Override
    public Optional<Carrier> find(long id) {
        return findWhere("id = :key", id);
    }

    @Override
    public Optional<Carrier> findByName(String name) {
        return findWhere("name = :key", name);
    }

    @Override
    public Optional<Carrier> findByUuid(String uuid) {
        return findWhere("uuid = :key", uuid);
    }

    @Override
    public List<Carrier> list() {
        return sql.withHandle(
                "list carriers",
                h -> h.createQuery(SELECT + " ORDER BY id")
                        .map((rs, ctx) -> map(rs))
                        .list());
    }

    @Override
    public boolean update(Carrier carrier) {
        String encrypted = cipher.encrypt(carrier.password().reveal());
        return sql.withHandle(
                        "update carrier",
                        h -> bindCarrier(
                                        h.createUpdate(
                                                "UPDATE carriers SET name = :name, type = :type, username = :username, password = :password, "
                                                        + "uuid = :uuid, profile_id = :profile_id, webhook_public_key = :webhook_public_key, "
                                                        + "base_url = :base_url WHERE id = :id"),
                                        carrier,
                                        encrypted)
                                .bind("id", carrier.id())
                                .execute())
                > 0;
    }

    @Override
    public boolean delete(long id) {
        return sql.withHandle(
                        "delete carrier",
                        h -> h.createUpdate("DELETE FROM carriers WHERE id = :id")
                                .bind("id", id)
                                .execute())
                > 0;
    }

    private Optional<Carrier> findWhere(String condition, Object key) {
        return sql.withHandle(
                "find carrier",
                h -> h.createQuery(SELECT + " WHERE " + condition)
                        .bind("key", key)
                        .map((rs, ctx) -> map(rs))
                        .findOne());
    }

    private static <S extends SqlStatement<S>> S bindCarrier(S statement, Carrier carrier, String encryptedPassword) {
        return statement
                .bind("name", carrier.name())
                .bind("type", carrier.type())
                .bind("username", carrier.username())
                .bind("password", encryptedPassword)
                .bind("uuid", carrier.uuid())
                .bind("profile_id", carrier.profileId())
                .bind("webhook_public_key", carrier.webhookPublicKey())
                .bind("base_url", carrier.baseUrl());
    }

    private Carrier map(ResultSet rs) throws SQLException {
        return new Carrier(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("type"),
                rs.getString("username"),
                Secret.of(cipher.decrypt(rs.getString("password"))),
                rs.getString("uuid"),
                rs.getString("profile_id"),
                rs.getString("webhook_public_key"),
                rs.getString("base_url"));
    }
}
