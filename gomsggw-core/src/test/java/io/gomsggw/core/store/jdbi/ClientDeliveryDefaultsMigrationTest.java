package io.gomsggw.core.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema version 13 on a database of version 12: a stored {@code webhook_retries} of 3 (the old
 * column default, indistinguishable from a choice) becomes unset, so {@code WEBHOOK_RETRIES}
 * applies; any other stored value is the client's own and stays.
 */
class ClientDeliveryDefaultsMigrationTest {
    @TempDir
    Path directory;

    @Test
    void theOldDefaultOfThreeBecomesUnsetAndOtherValuesStay() throws Exception {
        DataSource dataSource = TestDatabases.h2File(directory);
        Flyway.configure()
                .dataSource(dataSource)
                .locations(Migrations.LOCATION)
                .target("12")
                .load()
                .migrate();
        SecretCipher cipher = SecretCipher.fromKeyString("test-key");
        String password = cipher.encrypt("pw");
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO clients (username, password, type, created_at) " + "VALUES ('defaulted', '"
                    + password + "', 'web', CURRENT_TIMESTAMP)");
            statement.execute("INSERT INTO clients (username, password, type, webhook_retries, created_at) "
                    + "VALUES ('chosen', '" + password + "', 'web', 5, CURRENT_TIMESTAMP)");
        }

        assertThat(Migrations.migrate(dataSource)).isPositive();

        JdbiStores stores = new JdbiStores(dataSource, cipher, Clock.systemUTC());
        Client defaulted = stores.clients().findByUsername("defaulted").orElseThrow();
        Client chosen = stores.clients().findByUsername("chosen").orElseThrow();
        assertThat(defaulted.settings().webhookRetries()).isNull();
        assertThat(chosen.settings().webhookRetries()).isEqualTo(5);
        assertThat(defaulted.settings().deliveryWindowHours()).isNull();
        assertThat(defaulted.settings().webhookRetryDelaySecs()).isNull();
        assertThat(defaulted.settings().webhookMaxConcurrency()).isNull();
    }
}
