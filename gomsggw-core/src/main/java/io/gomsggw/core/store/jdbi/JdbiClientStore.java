package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.store.ClientStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatement;

/** {@link ClientStore} on the {@code clients} table; settings are columns of the same row. */
final class JdbiClientStore implements ClientStore {
    private static final String SETTINGS_COLUMNS = "auth_method, api_format, disable_message_splitting, "
            + "webhook_retries, webhook_timeout_secs, include_raw_segments, default_webhook, "
            + Columns.LIMIT_COLUMNS + ", limit_both, webhook_retry_delay_secs, delivery_window_hours, "
            + "webhook_max_concurrency, mms_max_bytes";
    private static final String SETTINGS_ASSIGNMENTS = "auth_method = :auth_method, api_format = :api_format, "
            + "disable_message_splitting = :disable_message_splitting, webhook_retries = :webhook_retries, "
            + "webhook_timeout_secs = :webhook_timeout_secs, include_raw_segments = :include_raw_segments, "
            + "default_webhook = :default_webhook, " + Columns.LIMIT_ASSIGNMENTS + ", limit_both = :limit_both, "
            + "webhook_retry_delay_secs = :webhook_retry_delay_secs, delivery_window_hours = :delivery_window_hours, "
            + "webhook_max_concurrency = :webhook_max_concurrency, mms_max_bytes = :mms_max_bytes";
    private static final String SELECT = "SELECT id, username, password, name, type, address, timezone, log_privacy, "
            + SETTINGS_COLUMNS + " FROM clients";

    private final StoreSql sql;
    private final SecretCipher cipher;
    private final Clock clock;

    JdbiClientStore(StoreSql sql, SecretCipher cipher, Clock clock) {
        this.sql = sql;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Override
    public Client create(Client client) {
        long id = sql.withHandle(
                "create client",
                h -> bindClient(
                                h.createUpdate(
                                        "INSERT INTO clients (username, password, name, type, address, timezone, log_privacy, "
                                                + SETTINGS_COLUMNS
                                                + ", created_at) VALUES (:username, :password, :name, :type, "
                                                + ":address, :timezone, :log_privacy, :auth_method, :api_format, "
                                                + ":disable_message_splitting, :webhook_retries, :webhook_timeout_secs, "
                                                + ":include_raw_segments, :default_webhook, " + Columns.LIMIT_PARAMETERS
                                                + ", :limit_both, :webhook_retry_delay_secs, :delivery_window_hours, "
                                                + ":webhook_max_concurrency, :mms_max_bytes, :created_at)"),
                                client)
                        .bind("password", cipher.encrypt(client.password().reveal()))
                        .bind("created_at", clock.instant())
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one());
        return client.withId(id);
    }

    @Override
    public Optional<Client> find(long id) {
        return sql.withHandle(
                "find client",
                h -> h.createQuery(SELECT + " WHERE id = :id")
                        .bind("id", id)
                        .map((rs, ctx) -> map(rs))
                        .findOne());
    }

    @Override
    public Optional<Client> findByUsername(String username) {
        return sql.withHandle(
                "find client",
                h -> h.createQuery(SELECT + " WHERE username = :username")
                        .bind("username", username)
                        .map((rs, ctx) -> map(rs))
                        .findOne());
    }

    @Override
    public List<Client> list() {
        return sql.withHandle(
                "list clients",
                h -> h.createQuery(SELECT + " ORDER BY id")
                        .map((rs, ctx) -> map(rs))
                        .list());
    }

    @Override
    public boolean update(Client client) {
        return sql.withHandle(
                        "update client",
                        h -> bindClient(
                                        h.createUpdate(
                                                "UPDATE clients SET username = :username, name = :name, type = :type, address = :address, "
                                                        + "timezone = :timezone, log_privacy = :log_privacy, "
                                                        + SETTINGS_ASSIGNMENTS
                                                        + " WHERE id = :id"),
                                        client)
                                .bind("id", client.id())
                                .execute())
                > 0;
    }

    @Override
    public boolean updatePassword(long id, Secret password) {
        String encrypted = cipher.encrypt(password.reveal());
        return sql.withHandle(
                        "update client password",
                        h -> h.createUpdate("UPDATE clients SET password = :password WHERE id = :id")
                                .bind("password", encrypted)
                                .bind("id", id)
                                .execute())
                > 0;
    }

    @Override
    public boolean updateSettings(long id, ClientSettings settings) {
        return sql.withHandle(
                        "update client settings",
                        h -> bindSettings(
                                        h.createUpdate(
                                                "UPDATE clients SET " + SETTINGS_ASSIGNMENTS + " WHERE id = :id"),
                                        settings)
                                .bind("id", id)
                                .execute())
                > 0;
    }

    @Override
    public boolean delete(long id) {
        return sql.withHandle(
                        "delete client",
                        h -> h.createUpdate("DELETE FROM clients WHERE id = :id")
                                .bind("id", id)
                                .execute())
                > 0;
    }

    private static <S extends SqlStatement<S>> S bindClient(S statement, Client client) {
        return bindSettings(statement, client.settings())
                .bind("username", client.username())
                .bind("name", client.name())
                .bind("type", client.type().wireName())
                .bind("address", client.address())
                .bind("timezone", client.timezone().getId())
                .bind("log_privacy", client.logPrivacy());
    }

    private static <S extends SqlStatement<S>> S bindSettings(S statement, ClientSettings settings) {
        return Columns.bindLimits(statement, settings.limits())
                .bind("auth_method", settings.authMethod().wireName())
                .bind("api_format", settings.apiFormat().wireName())
                .bind("disable_message_splitting", settings.disableMessageSplitting())
                .bindByType("webhook_retries", settings.webhookRetries(), Integer.class)
                .bindByType("webhook_retry_delay_secs", settings.webhookRetryDelaySecs(), Integer.class)
                .bindByType("delivery_window_hours", settings.deliveryWindowHours(), Integer.class)
                .bindByType("webhook_max_concurrency", settings.webhookMaxConcurrency(), Integer.class)
                .bindByType("mms_max_bytes", settings.mmsMaxBytes(), Long.class)
                .bind("webhook_timeout_secs", settings.webhookTimeoutSecs())
                .bind("include_raw_segments", settings.includeRawSegments())
                .bind("default_webhook", settings.defaultWebhook())
                .bind("limit_both", settings.limitBoth());
    }

    private Client map(ResultSet rs) throws SQLException {
        ClientSettings settings = new ClientSettings(
                AuthMethod.fromWire(rs.getString("auth_method")),
                ApiFormat.fromWire(rs.getString("api_format")),
                rs.getBoolean("disable_message_splitting"),
                Columns.nullableInt(rs, "webhook_retries"),
                rs.getInt("webhook_timeout_secs"),
                rs.getBoolean("include_raw_segments"),
                rs.getString("default_webhook"),
                Columns.limits(rs),
                rs.getBoolean("limit_both"),
                Columns.nullableInt(rs, "webhook_retry_delay_secs"),
                Columns.nullableInt(rs, "delivery_window_hours"),
                Columns.nullableInt(rs, "webhook_max_concurrency"),
                Columns.nullableLong(rs, "mms_max_bytes"));
        return new Client(
                rs.getLong("id"),
                rs.getString("username"),
                Secret.of(cipher.decrypt(rs.getString("password"))),
                rs.getString("name"),
                ClientType.fromWire(rs.getString("type")),
                rs.getString("address"),
                ZoneId.of(rs.getString("timezone")),
                rs.getBoolean("log_privacy"),
                settings);
    }
}
