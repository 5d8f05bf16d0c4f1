package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.model.ApiFormat;
import io.gomsggw.core.model.AuthMethod;
import io.gomsggw.core.model.Carrier;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.ClientNumber;
import io.gomsggw.core.model.ClientSettings;
import io.gomsggw.core.model.ClientType;
import io.gomsggw.core.model.NumberSettings;
import io.gomsggw.core.model.Secret;
import io.gomsggw.core.model.UsageLimits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import javax.sql.DataSource;

/** Test objects and raw JDBC reads for the store contracts. */
final class Fixtures {
    private Fixtures() {}

    static Client webClient(String username) {
        return new Client(
                0,
                username,
                Secret.of("pw-" + username),
                "Client " + username,
                ClientType.WEB,
                null,
                ZoneId.of("UTC"),
                false,
                ClientSettings.DEFAULTS);
    }

    static Client legacyClient(String username, String address) {
        return new Client(
                0,
                username,
                Secret.of("pw-" + username),
                null,
                ClientType.LEGACY,
                address,
                ZoneId.of("America/Vancouver"),
                true,
                ClientSettings.DEFAULTS);
    }

    /** Settings with no field at its default value. */
    static ClientSettings unusualClientSettings() {
        return new ClientSettings(
                AuthMethod.BEARER,
                ApiFormat.TELNYX,
                true,
                7,
                25,
                true,
                "https://app.example.com/hook",
                new UsageLimits(1, 2, 3, 4, 5, 6),
                true,
                5,
                12,
                3,
                300_000L);
    }

    static ClientNumber number(long clientId, String e164) {
        return new ClientNumber(0, clientId, e164, "telnyx-main", null, null, null, false, NumberSettings.DEFAULTS);
    }

    /** Settings with no field at its default value. */
    static NumberSettings unusualNumberSettings() {
        return new NumberSettings(
                new UsageLimits(11, 12, 13, 14, 15, 16), Boolean.TRUE, true, "We are closed, back Monday", 300);
    }

    static Carrier carrier(String name, String uuid) {
        return new Carrier(
                0,
                name,
                "telnyx",
                "account-" + name,
                Secret.of("KEY-" + name),
                uuid,
                "profile-" + name,
                "bXkgcHVibGljIGtleQ==",
                "http://127.0.0.1:9/" + name);
    }

    /** One column of one row, read with plain JDBC, bypassing the stores. */
    static String rawColumn(DataSource dataSource, String table, String column, long id) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT " + column + " FROM " + table + " WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) throw new AssertionError("no row " + id + " in " + table);
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new AssertionError("raw read failed", e);
        }
    }
}
