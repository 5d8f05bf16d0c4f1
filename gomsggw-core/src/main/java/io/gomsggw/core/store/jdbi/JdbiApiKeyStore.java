package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.apikey.ApiKey;
import io.gomsggw.core.apikey.ApiKeyScope;
import io.gomsggw.core.apikey.ApiKeyStore;
import io.gomsggw.core.apikey.NewApiKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** {@link ApiKeyStore} on {@code api_keys} and {@code api_key_numbers}; keys go with their client. */
final class JdbiApiKeyStore implements ApiKeyStore {
    private static final String SELECT = "SELECT id, client_id, name, key_prefix, scopes, rate_limit, active, "
            + "expires_at, last_used_at, created_at FROM api_keys";

    private final StoreSql sql;

    JdbiApiKeyStore(StoreSql sql) {
        this.sql = sql;
    }

    @Override
    public ApiKey create(long clientId, NewApiKey key, String keyHash, String keyPrefix, Instant createdAt) {
        return sql.inTransaction("create API key", h -> {
            long id = h.createUpdate("INSERT INTO api_keys (client_id, name, key_hash, key_prefix, scopes, rate_limit, "
                            + "active, expires_at, created_at) VALUES (:client_id, :name, :key_hash, :key_prefix, "
                            + ":scopes, :rate_limit, TRUE, :expires_at, :created_at)")
                    .bind("client_id", clientId)
                    .bind("name", key.name())
                    .bind("key_hash", keyHash)
                    .bind("key_prefix", keyPrefix)
                    .bind("scopes", ApiKeyScope.join(key.scopes()))
                    .bind("rate_limit", key.rateLimitPerMinute())
                    .bind("expires_at", key.expiresAt())
                    .bind("created_at", createdAt)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            if (!key.allowedNumberIds().isEmpty()) {
                PreparedBatch batch = h.prepareBatch(
                        "INSERT INTO api_key_numbers (api_key_id, number_id) VALUES (:api_key_id, :number_id)");
                for (Long numberId : key.allowedNumberIds()) {
                    batch.bind("api_key_id", id).bind("number_id", numberId).add();
                }
                batch.execute();
            }
            return find(h, SELECT + " WHERE id = :value", id).orElseThrow();
        });
    }

    @Override
    public Optional<ApiKey> findByHash(String keyHash) {
        return sql.withHandle("find API key", h -> find(h, SELECT + " WHERE key_hash = :value", keyHash));
    }

    @Override
    public List<ApiKey> listByClient(long clientId) {
        return sql.withHandle("list API keys", h -> {
            List<KeyRow> rows = h.createQuery(SELECT + " WHERE client_id = :client_id ORDER BY id")
                    .bind("client_id", clientId)
                    .map((rs, ctx) -> row(rs))
                    .list();
            Map<Long, Set<Long>> numbers = new HashMap<>();
            h.createQuery("SELECT n.api_key_id, n.number_id FROM api_key_numbers n JOIN api_keys k "
                            + "ON k.id = n.api_key_id WHERE k.client_id = :client_id")
                    .bind("client_id", clientId)
                    .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                    .forEach(e -> numbers.computeIfAbsent(e.getKey(), k -> new HashSet<>())
                            .add(e.getValue()));
            return rows.stream()
                    .map(r -> r.toKey(numbers.getOrDefault(r.id(), Set.of())))
                    .toList();
        });
    }

    @Override
    public boolean revoke(long clientId, long keyId) {
        return sql.withHandle(
                        "revoke API key",
                        h -> h.createUpdate(
                                        "UPDATE api_keys SET active = FALSE WHERE id = :id AND client_id = :client_id")
                                .bind("id", keyId)
                                .bind("client_id", clientId)
                                .execute())
                > 0;
    }

    @Override
    public void touchAll(Map<Long, Instant> lastUsed) {
        if (lastUsed.isEmpty()) return;
        sql.inTransaction("record API key use", h -> {
            PreparedBatch batch = h.prepareBatch("UPDATE api_keys SET last_used_at = :at WHERE id = :id");
            lastUsed.forEach((id, at) -> batch.bind("at", at).bind("id", id).add());
            batch.execute();
            return null;
        });
    }

    private static Optional<ApiKey> find(Handle h, String select, Object value) {
        Optional<KeyRow> row = h.createQuery(select)
                .bind("value", value)
                .map((rs, ctx) -> row(rs))
                .findOne();
        return row.map(
                r -> r.toKey(Set.copyOf(h.createQuery("SELECT number_id FROM api_key_numbers WHERE api_key_id = :id")
                        .bind("id", r.id())
                        .mapTo(Long.class)
                        .list())));
    }

    private record KeyRow(
            long id,
            long clientId,
            String name,
            String keyPrefix,
            String scopes,
            int rateLimit,
            boolean active,
            Instant expiresAt,
            Instant lastUsedAt,
            Instant createdAt) {
        ApiKey toKey(Set<Long> numberIds) {
            return new ApiKey(
                    id,
                    clientId,
                    name,
                    keyPrefix,
                    ApiKeyScope.parse(scopes),
                    rateLimit,
                    active,
                    expiresAt,
                    lastUsedAt,
                    createdAt,
                    numberIds);
        }
    }

    private static KeyRow row(ResultSet rs) throws SQLException {
        return new KeyRow(
                rs.getLong("id"),
                rs.getLong("client_id"),
                rs.getString("name"),
                rs.getString("key_prefix"),
                rs.getString("scopes"),
                rs.getInt("rate_limit"),
                rs.getBoolean("active"),
                Columns.instant(rs, "expires_at"),
                Columns.instant(rs, "last_used_at"),
                Columns.instant(rs, "created_at"));
    }
}
