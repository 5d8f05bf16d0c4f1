package io.gomsggw.core.store.jdbi;

import io.gomsggw.core.store.StoreException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Brings a database to the current gomsggw schema with Flyway, from the versioned SQL files under
 * {@value #LOCATION} on the class path. The same files run on PostgreSQL and on H2 in PostgreSQL
 * mode. Applying them is idempotent: a migrated database is left as it is. Nothing here ever
 * drops data.
 */
public final class Migrations {
    /** Where the migration scripts live ({@code V1__schema.sql}, …). */
    public static final String LOCATION = "classpath:db/gomsggw";

    private Migrations() {}

    /**
     * Migrates the connection's default schema.
     *
     * @return how many migrations were applied (0 when the schema was current)
     * @throws StoreException when a migration fails or the database cannot be reached
     */
    public static int migrate(DataSource dataSource) {
        return run(Flyway.configure().dataSource(dataSource));
    }

    /**
     * Migrates {@code schema}, creating it when missing. The connections of {@code dataSource}
     * must use the same schema (e.g. PostgreSQL's {@code currentSchema} URL parameter) for the
     * stores to find the tables.
     */
    public static int migrate(DataSource dataSource, String schema) {
        Objects.requireNonNull(schema, "schema");
        return run(Flyway.configure().dataSource(dataSource).schemas(schema));
    }

    /**
     * How many migrations the connection's default schema still lacks: 0 when it is current, all
     * of them when it is empty. Reads only; changes nothing.
     *
     * @throws StoreException when the database cannot be reached
     */
    public static int pendingCount(DataSource dataSource) {
        try {
            return Flyway.configure()
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .load()
                    .info()
                    .pending()
                    .length;
        } catch (FlywayException e) {
            throw new StoreException("reading the schema version failed: " + e.getMessage(), e);
        }
    }

    private static int run(FluentConfiguration configuration) {
        try {
            return configuration.locations(LOCATION).load().migrate().migrationsExecuted;
        } catch (FlywayException e) {
            throw new StoreException("database migration failed: " + e.getMessage(), e);
        }
    }
}
