package io.gomsggw.server;

import io.gomsggw.core.store.MessageStore;
import io.gomsggw.core.store.WriteHealth;
import io.gomsggw.core.store.WriteTrackingMessageStore;
import io.gomsggw.core.store.jdbi.JdbiStores;
import io.gomsggw.core.store.log.LogFiles;
import io.gomsggw.core.store.log.LoggedMessageStore;
import io.gomsggw.server.config.DatabaseConfig;
import io.gomsggw.server.config.Durability;
import io.gomsggw.server.config.GatewayConfig;
import io.gomsggw.server.database.Database;
import io.gomsggw.server.health.DatabaseProbe;
import io.gomsggw.server.lifecycle.ClosingStack;
import io.gomsggw.server.lifecycle.StartupException;
import io.gomsggw.server.secrets.DataDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Which message store the gateway runs on, and how {@code /health} sees the database under it. */
final class StoreWiring {
    private static final String MESSAGE_LOG_DIRECTORY = "journal";

    private StoreWiring() {}

    /**
     * The message store: on the embedded database, writes go to the message log in
     * {@code <data>/journal} and reach the tables behind ({@link LoggedMessageStore}), because
     * the embedded database's commit is the cost of every acknowledgement; with
     * {@code DURABILITY=fsync} each group commit of the log is forced to the device. PostgreSQL
     * commits cheaply enough and is written directly (its durability set on the connections, see
     * {@link Database}), so another node sees a message as soon as it is acknowledged; its write
     * failures are remembered for {@code /health}.
     */
    static MessageStore messageStore(
            GatewayConfig config,
            DataDirectory dataDirectory,
            JdbiStores stores,
            LogFiles logFiles,
            ClosingStack opened) {
        if (config.database() instanceof DatabaseConfig.Postgres) {
            return new WriteTrackingMessageStore(stores.messages());
        }
        Path directory = dataDirectory.resolve(MESSAGE_LOG_DIRECTORY);
        try {
            LoggedMessageStore logged = opened.push(LoggedMessageStore.open(
                    directory,
                    stores.messageLogTarget(),
                    LoggedMessageStore.Settings.DEFAULTS.withForce(config.durability() == Durability.FSYNC),
                    logFiles));
            stores.readReferencedMediaFrom(logged); // media links of messages not yet in the tables
            return logged;
        } catch (IOException e) {
            throw new StartupException("message log " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * The database's state for {@code /health}: a connection probe (at most once a second) and the
     * message store's write failures; on PostgreSQL a failed write is cleared by a probe write
     * (the embedded message log probes the disk by itself).
     */
    static DatabaseProbe databaseProbe(Database database, MessageStore messages, Clock clock) {
        WriteHealth writes = messages instanceof WriteHealth health ? health : WriteHealth.OK;
        Runnable writeProbe = messages instanceof WriteTrackingMessageStore tracked
                ? () -> {
                    database.probeWrite();
                    tracked.probeSucceeded();
                }
                : null;
        return new DatabaseProbe(database::isHealthy, writeProbe, writes, clock, Duration.ofSeconds(1));
    }
}
