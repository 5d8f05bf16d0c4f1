package io.gomsggw.core.store.jdbi;

import static org.assertj.core.api.Assertions.assertThat;

import io.gomsggw.core.crypto.SecretCipher;
import io.gomsggw.core.model.Client;
import io.gomsggw.core.model.MediaPart;
import io.gomsggw.core.model.Message;
import io.gomsggw.core.model.MessageStatus;
import io.gomsggw.core.model.StatusChange;
import io.gomsggw.core.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded default: an H2 file database keeps everything across a close and reopen. */
class H2FileDatabaseTest {
    private final Clock clock = Clock.fixed(Instant.parse("2026-03-01T09:30:00Z"), ZoneOffset.UTC);
    private final String key = SecretCipher.generateKeyString();

    @TempDir
    Path directory;

    @Test
    void dataSurvivesClosingAndReopeningTheDatabase() throws SQLException {
        DataSource first = TestDatabases.h2File(directory);
        assertThat(Migrations.migrate(first)).isEqualTo(migrationsAfter(0));
        JdbiStores before = new JdbiStores(first, SecretCipher.fromKeyString(key), clock);
        Client client = before.clients().create(Fixtures.webClient("persistent"));
        before.numbers().add(Fixtures.number(client.id(), "+12505550999"));
        Message message = Message.builder()
                .id("m-1")
                .from("+12505550999")
                .to("+16045550000")
                .text("kept")
                .media(List.of(new MediaPart("a.gif", "image/gif", new byte[] {7, 8, 9})))
                .clientId(client.id())
                .createdAt(clock.instant())
                .build();
        before.messages().insertAll(List.of(message));
        before.usage().add("client:1:sms:monthly", clock.instant(), 42);
        before.messageLogTarget().sync(); // CHECKPOINT SYNC, before the message log deletes a segment
        shutDown(first);

        DataSource reopened = TestDatabases.h2File(directory);
        assertThat(Migrations.migrate(reopened)).isZero();
        JdbiStores after = new JdbiStores(reopened, SecretCipher.fromKeyString(key), clock);

        assertThat(after.clients().findByUsername("persistent")).contains(client);
        assertThat(after.numbers().findByNumber("+12505550999")).isPresent();
        assertThat(after.messages().find("m-1")).contains(message);
        assertThat(after.usage().get("client:1:sms:monthly", clock.instant())).isEqualTo(42);
        shutDown(reopened);
    }

    @Test
    void aVersion1DatabaseKeepsItsStatusHistoryThroughTheUpgrade() throws SQLException {
        DataSource database = TestDatabases.h2File(directory);
        Flyway.configure()
                .dataSource(database)
                .locations(Migrations.LOCATION)
                .target("1")
                .load()
                .migrate();
        Instant t0 = clock.instant();
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate(
                    "INSERT INTO messages (id, type, direction, from_number, to_number, text, ingress, "
                            + "status, attempts, server_id, created_at, updated_at) VALUES ('m-old', 'sms', 'outbound', "
                            + "'+12505550999', '+16045550000', 'old', 'http', 'dispatching', 1, 'node-1', "
                            + "TIMESTAMP WITH TIME ZONE '2026-03-01 09:30:00Z', TIMESTAMP WITH TIME ZONE '2026-03-01 09:30:01Z')");
            // Two changes at the same time: the identity order must survive as the seq order.
            statement.executeUpdate("INSERT INTO message_status_history (message_id, status, at, reason) VALUES "
                    + "('m-old', 'queued', TIMESTAMP WITH TIME ZONE '2026-03-01 09:30:00Z', NULL), "
                    + "('m-old', 'dispatching', TIMESTAMP WITH TIME ZONE '2026-03-01 09:30:01Z', NULL), "
                    + "('m-old', 'queued', TIMESTAMP WITH TIME ZONE '2026-03-01 09:30:01Z', 'retry in 5 ms: busy')");
        }

        assertThat(Migrations.migrate(database)).isEqualTo(migrationsAfter(1));
        JdbiStores stores = new JdbiStores(database, SecretCipher.fromKeyString(key), clock);
        stores.messages().transition("m-old", MessageStatus.DISPATCHING, t0.plusSeconds(1), null, 2);

        assertThat(stores.messages().history("m-old"))
                .containsExactly(
                        new StatusChange(MessageStatus.QUEUED, t0, null),
                        new StatusChange(MessageStatus.DISPATCHING, t0.plusSeconds(1), null),
                        new StatusChange(MessageStatus.QUEUED, t0.plusSeconds(1), "retry in 5 ms: busy"),
                        new StatusChange(MessageStatus.DISPATCHING, t0.plusSeconds(1), null));
        assertThat(stores.messages().findToResume(null, 10))
                .extracting(Message::id)
                .containsExactly("m-old");
        shutDown(database);
    }

    @Test
    void messagesSentBeforeVersion5StillGetTheirDeliveryReports() throws SQLException {
        DataSource database = TestDatabases.h2File(directory);
        Flyway.configure()
                .dataSource(database)
                .locations(Migrations.LOCATION)
                .target("4")
                .load()
                .migrate();
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            for (String[] row : new String[][] {{"m-sent", "sent", "c-1"}, {"m-done", "delivered", "c-2"}}) {
                statement.executeUpdate(
                        "INSERT INTO messages (id, type, direction, from_number, to_number, text, "
                                + "ingress, carrier, carrier_message_id, status, attempts, server_id, created_at, updated_at) "
                                + "VALUES ('" + row[0]
                                + "', 'sms', 'outbound', '+12505550999', '+16045550000', 'old', 'http', "
                                + "'telnyx-main', '" + row[2] + "', '" + row[1] + "', 1, 'node-1', "
                                + "TIMESTAMP WITH TIME ZONE '2026-03-01 09:30:00Z', TIMESTAMP WITH TIME ZONE '2026-03-01 09:30:01Z')");
            }
        }

        assertThat(Migrations.migrate(database)).isEqualTo(migrationsAfter(4));
        JdbiStores stores = new JdbiStores(database, SecretCipher.fromKeyString(key), clock);

        assertThat(stores.messages().findAwaitingReport("telnyx-main", "c-1"))
                .map(Message::id)
                .contains("m-sent");
        assertThat(stores.messages().findAwaitingReport("telnyx-main", "c-2")).isEmpty();
        shutDown(database);
    }

    /** How many migration scripts have a version above {@code version} (other work adds scripts). */
    private static int migrationsAfter(int version) {
        MigrationInfo[] all = Flyway.configure()
                .locations(Migrations.LOCATION)
                .dataSource(TestDatabases.h2InMemory())
                .load()
                .info()
                .all();
        return (int) Arrays.stream(all)
                .filter(m -> m.getVersion() != null && m.getVersion().isNewerThan(String.valueOf(version)))
                .count();
    }

    private static void shutDown(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }
}
