package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.NumberSettings;
import io.gomsggw.core.store.NumberStore;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.statement.SqlStatement;

/** {@link NumberStore} on the {@code numbers} table; settings are columns of the same row. */
final class JdbiNumberStore implements NumberStore {
    private static final String SETTINGS_COLUMNS =
            Columns.LIMIT_COLUMNS + ", limit_both, auto_reply_enabled, auto_reply_message, auto_reply_cooldown_secs";
    private static final String SETTINGS_ASSIGNMENTS = Columns.LIMIT_ASSIGNMENTS
            + ", limit_both = :limit_both, auto_reply_enabled = :auto_reply_enabled, "
            + "auto_reply_message = :auto_reply_message, auto_reply_cooldown_secs = :auto_reply_cooldown_secs";
    private static final String SELECT = "SELECT id, client_id, number, carrier, tag, group_name, webhook, "
            + "ignore_stop_cmd_sending, " + SETTINGS_COLUMNS + " FROM numbers";

    private final StoreSql sql;
    private final Clock clock;

    JdbiNumberStore(StoreSql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    @Override
    public ClientNumber add(ClientNumber number) {
        long id = sql.withHandle(
                "add number",
                h -> bindNumber(
                                h.createUpdate(
                                        "INSERT INTO numbers (client_id, number, carrier, tag, group_name, webhook, "
                                                + "ignore_stop_cmd_sending, " + SETTINGS_COLUMNS
                                                + ", created_at) VALUES (:client_id, "
                                                + ":number, :carrier, :tag, :group_name, :webhook, :ignore_stop_cmd_sending, "
                                                + Columns.LIMIT_PARAMETERS
                                                + ", :limit_both, :auto_reply_enabled, :auto_reply_message, "
                                                + ":auto_reply_cooldown_secs, :created_at)"),
                                number)
                        .bind("client_id", number.clientId())
                        .bind("created_at", clock.instant())
                        .executeAndReturnGeneratedKeys("id")
                        .mapTo(Long.class)
                        .one());
        return number.withId(id);
    }

    @Override
    public Optional<ClientNumber> find(long id) {
        return sql.withHandle(
                "find number",
                h -> h.createQuery(SELECT + " WHERE id = :id")
                        .bind("id", id)
                        .map((rs, ctx) -> map(rs))
                        .findOne());
    }

    @Override
    public Optional<ClientNumber> findByNumber(String e164) {
        return sql.withHandle(
                "find number",
                h -> h.createQuery(SELECT + " WHERE number = :number")
                        .bind("number", e164)
                        .map((rs, ctx) -> map(rs))
                        .findOne());
    }

    @Override
    public List<ClientNumber> listByClient(long clientId) {
        return sql.withHandle(
                "list numbers",
                h -> h.createQuery(SELECT + " WHERE client_id = :client_id ORDER BY id")
                        .bind("client_id", clientId)
                        .map((rs, ctx) -> map(rs))
                        .list());
    }

    @Override
    public List<ClientNumber> list() {
        return sql.withHandle(
                "list numbers",
                h -> h.createQuery(SELECT + " ORDER BY id")
                        .map((rs, ctx) -> map(rs))
                        .list());
    }

    @Override
    public boolean update(ClientNumber number) {
        return sql.withHandle(
                        "update number",
                        h -> bindNumber(
                                        h.createUpdate(
                                                "UPDATE numbers SET number = :number, carrier = :carrier, tag = :tag, group_name = :group_name, "
                                                        + "webhook = :webhook, ignore_stop_cmd_sending = :ignore_stop_cmd_sending, "
                                                        + SETTINGS_ASSIGNMENTS + " WHERE id = :id"),
                                        number)
                                .bind("id", number.id())
                                .execute())
                > 0;
    }

    @Override
    public boolean updateSettings(long id, NumberSettings settings) {
        return sql.withHandle(
                        "update number settings",
                        h -> bindSettings(
                                        h.createUpdate(
                                                "UPDATE numbers SET " + SETTINGS_ASSIGNMENTS + " WHERE id = :id"),
                                        settings)
                                .bind("id", id)
                                .execute())
                > 0;
    }

    @Override
    public boolean delete(long id) {
        return sql.withHandle(
                        "delete number",
                        h -> h.createUpdate("DELETE FROM numbers WHERE id = :id")
                                .bind("id", id)
                                .execute())
                > 0;
    }

    private static <S extends SqlStatement<S>> S bindNumber(S statement, ClientNumber number) {
        return bindSettings(statement, number.settings())
                .bind("number", number.number())
                .bind("carrier", number.carrier())
                .bind("tag", number.tag())
                .bind("group_name", number.group())
                .bind("webhook", number.webhook())
                .bind("ignore_stop_cmd_sending", number.ignoreStopCmdSending());
    }

    private static <S extends SqlStatement<S>> S bindSettings(S statement, NumberSettings settings) {
        return Columns.bindLimits(statement, settings.limits())
                .bind("limit_both", settings.limitBoth())
                .bind("auto_reply_enabled", settings.autoReplyEnabled())
                .bind("auto_reply_message", settings.autoReplyMessage())
                .bind("auto_reply_cooldown_secs", settings.autoReplyCooldownSecs());
    }

    private static ClientNumber map(ResultSet rs) throws SQLException {
        NumberSettings settings = new NumberSettings(
                Columns.limits(rs),
                Columns.nullableBoolean(rs, "limit_both"),
                rs.getBoolean("auto_reply_enabled"),
                rs.getString("auto_reply_message"),
                rs.getInt("auto_reply_cooldown_secs"));
        return new ClientNumber(
                rs.getLong("id"),
                rs.getLong("client_id"),
                rs.getString("number"),
                rs.getString("carrier"),
                rs.getString("tag"),
                rs.getString("group_name"),
                rs.getString("webhook"),
                rs.getBoolean("ignore_stop_cmd_sending"),
                settings);
    }
}
